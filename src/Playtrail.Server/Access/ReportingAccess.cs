using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Playtrail.Server.Reporting;

namespace Playtrail.Server.Access;

/// <summary>
/// Who may read reports: anyone when no key is configured; otherwise a request that presents one of
/// <c>Reporting:ApiKeys</c> as a bearer token, or a login cookie issued for one. Keys are compared in constant time
/// (as SHA-256 digests, so every comparison is the same length), and every configured key is compared, so the
/// time taken does not tell which key nearly matched.
/// </summary>
/// <remarks>
/// The login cookie is <c>v1.&lt;expiry&gt;.&lt;key id&gt;.&lt;mac&gt;</c>: the expiry in Unix seconds, a short id
/// of the key it was issued for, and an HMAC-SHA256 of the rest keyed by that key. Any node configured with the same
/// key can check it without shared state, and removing a key from the configuration ends the logins made with it.
/// </remarks>
internal sealed class ReportingAccess
{
    public const string CookieName = "playtrail_login";

    private const string TokenVersion = "v1";

    private readonly Key[] _keys;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lifetime;

    public ReportingAccess(IOptions<ReportingOptions> options, TimeProvider timeProvider)
    {
        var value = options.Value;
        _keys = [.. value.ApiKeys.Select(Key.Of)];
        _timeProvider = timeProvider;
        _lifetime = value.LoginLifetime;
    }

    /// <summary>True when no key is configured: reports are open to anyone who reaches the server.</summary>
    public bool IsOpen => _keys.Length == 0;

    /// <summary>How long a login lasts.</summary>
    public TimeSpan LoginLifetime => _lifetime;

    /// <summary>True when <paramref name="candidate"/> is one of the configured keys.</summary>
    public bool IsKey(ReadOnlySpan<char> candidate) => Find(candidate) is not null;

    /// <summary>True when the request may read reports: open access, a valid bearer key, or a valid login cookie.</summary>
    public bool Allows(HttpRequest request)
    {
        if (IsOpen)
        {
            return true;
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && IsKey(authorization.AsSpan(7).Trim()))
        {
            return true;
        }

        return request.Cookies.TryGetValue(CookieName, out var token) && token is not null && IsValidToken(token);
    }

    /// <summary>
    /// The short id of the configured key the request presents as a bearer token, or null. A login cookie does not count:
    /// a route that changes data takes the key itself, which a browser never sends on its own.
    /// </summary>
    public string? BearerKeyId(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Find(authorization.AsSpan(7).Trim())?.Id : null;
    }

    /// <summary>A login cookie value for <paramref name="candidate"/>, or null when it is not a configured key.</summary>
    public string? IssueToken(ReadOnlySpan<char> candidate)
    {
        if (Find(candidate) is not { } key)
        {
            return null;
        }

        var expires = (_timeProvider.GetUtcNow() + _lifetime).ToUnixTimeSeconds();
        var payload = string.Create(CultureInfo.InvariantCulture, $"{TokenVersion}.{expires}.{key.Id}");
        return payload + "." + key.Sign(payload);
    }

    /// <summary>True when <paramref name="token"/> was issued for a configured key and has not expired.</summary>
    public bool IsValidToken(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != TokenVersion
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires <= _timeProvider.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        var payload = string.Join('.', parts, 0, 3);
        var valid = false;
        foreach (var key in _keys)
        {
            // Every key with this id is checked (ids are short and may collide); the MAC decides.
            if (key.Id == parts[2])
            {
                valid |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.Sign(payload)), Encoding.ASCII.GetBytes(parts[3]));
            }
        }

        return valid;
    }

    private Key? Find(ReadOnlySpan<char> candidate)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(candidate.ToString());
        SHA256.HashData(bytes, digest);
        Key? found = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, key.Digest))
            {
                found = key;
            }
        }

        return found;
    }

    private sealed class Key
    {
        private readonly byte[] _macKey;

        private Key(byte[] digest, byte[] macKey, string id)
        {
            Digest = digest;
            _macKey = macKey;
            Id = id;
        }

        public byte[] Digest { get; }

        public string Id { get; }

        public static Key Of(string key)
        {
            var bytes = Encoding.UTF8.GetBytes(key);
            var digest = SHA256.HashData(bytes);
            // The MAC key is derived rather than the key itself, so a cookie never signs with the bearer secret directly.
            var macKey = HMACSHA256.HashData(bytes, "playtrail login cookie"u8);
            return new Key(digest, macKey, Convert.ToHexStringLower(digest, 0, 4));
        }

        public string Sign(string payload)
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_macKey, Encoding.ASCII.GetBytes(payload), mac);
            return Base64Url.EncodeToString(mac);
        }
    }
}
