using System.Net;
using System.Net.Security;
using System.Text;
using Playtrail.Testing.Edge;

namespace Playtrail.Server.Tests.Edge;

/// <summary>
/// Edge clients build <c>https://host/...</c> with no port, so Playtrail must serve TLS with the standard Kestrel
/// settings: <c>--urls https://…</c> and a PEM certificate and key in <c>Kestrel:Certificates:Default</c>.
/// </summary>
public sealed class EdgeHttpsTests
{
    [Fact]
    public async Task EdgeSessionStart_OverHttps_WithAPemCertificate_IsAnswered()
    {
        var directory = ServerInstance.NewDirectory();
        var (certificatePath, keyPath, thumbprint) = TestCertificate.WritePem(directory);
        await using var server = await ServerInstance.StartInAsync(directory,
        [
            .. EdgeClient.Settings,
            "urls=https://127.0.0.1:0",
            $"Kestrel:Certificates:Default:Path={certificatePath}",
            $"Kestrel:Certificates:Default:KeyPath={keyPath}",
        ]);
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                // Trust exactly the certificate this test made, as a browser would once told to.
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == thumbprint,
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };

        using var response = await client.PostAsync($"/ee/v1/interact?configId={AlloyCapture.ConfigId}",
            new StringContent(AlloyCapture.Seq(21).Body, Encoding.UTF8, "text/plain"));

        Assert.Equal("https", server.BaseAddress.Scheme);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^[0-9a-f]{64}$", EdgeClient.NewSessionId(await EdgeClient.ReadJsonAsync(response)));
    }
}
