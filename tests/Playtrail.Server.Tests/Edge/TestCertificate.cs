using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Playtrail.Server.Tests.Edge;

/// <summary>A self-signed certificate for <c>edge.playtrail.test</c> and loopback, written as the PEM pair Kestrel reads.</summary>
internal static class TestCertificate
{
    public const string HostName = "edge.playtrail.test";

    /// <summary>Writes the certificate and its key into <paramref name="directory"/>; returns both paths and the certificate's hash.</summary>
    public static (string CertificatePath, string KeyPath, string Thumbprint) WritePem(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + HostName, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostName);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        var certificatePath = Path.Combine(directory, "edge.crt.pem");
        var keyPath = Path.Combine(directory, "edge.key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath, certificate.GetCertHashString());
    }
}
