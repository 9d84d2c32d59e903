using System.Text;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Server.Tests.Secrets;
using OneTime.Testing;
using OneTime.V1;

namespace OneTime.Server.Tests.Logging;

/// <summary>A full run, failures and refusals included, logged at every level: no ciphertext, token or id in it.</summary>
public sealed class ServerLogPrivacyTests
{
    [Theory]
    [InlineData(GrpcTestMode.Grpc)]
    [InlineData(GrpcTestMode.GrpcWebText)]
    public async Task FullRun_Logs_HoldNoCiphertextTokenOrId(GrpcTestMode mode)
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:RateLimits:Read:PermitLimit"] = "4",
        });
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, mode);
        var secret = await calls.StoreNewAsync();
        await calls.ExistsAsync(secret);
        await calls.RetrieveAsync(new RetrieveRequest { Id = secret.Id, AuthToken = SecretCalls.NewToken() }); // wrong token
        await calls.RetrieveAsync(secret);
        await calls.RetrieveAsync(secret); // not found
        await calls.RetrieveAsync(secret); // over the read budget
        await calls.StoreAsync(new StoreRequest { Ciphertext = secret.Ciphertext }); // no token: invalid

        var logged = string.Join("\n", server.Logs.Entries.Select(e => e.Message + " " + e.Exception));
        Assert.NotEmpty(server.Logs.Entries);
        Assert.DoesNotContain(secret.Id, logged);
        Assert.DoesNotContain(secret.Id[..11], logged); // not even half of it
        foreach (var bytes in new[] { secret.Token, secret.Ciphertext })
        {
            Assert.DoesNotContain(Convert.ToBase64String(bytes.Span), logged);
            Assert.DoesNotContain(Convert.ToHexString(bytes.Span), logged, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Encoding.Latin1.GetString(bytes.Span), logged);
        }
    }
}
