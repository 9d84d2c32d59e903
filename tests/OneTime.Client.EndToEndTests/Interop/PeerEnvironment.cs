namespace OneTime.Client.EndToEndTests.Interop;

/// <summary>What every language's client is given to reach a test server: links on its Web endpoint, native gRPC on
/// its Grpc endpoint, a config home of its own for request keys, and the passphrase when there is one.</summary>
internal static class PeerEnvironment
{
    public static Dictionary<string, string> For(ServerUnderTest server, string configHome, string? passphrase = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ONETIME_HOST"] = server.WebUri.AbsoluteUri.TrimEnd('/'),
            ["ONETIME_GRPC"] = server.GrpcUri.AbsoluteUri.TrimEnd('/'),
            ["XDG_CONFIG_HOME"] = configHome,
        };
        if (passphrase is not null)
        {
            environment["ONETIME_PASSPHRASE"] = passphrase;
        }

        return environment;
    }
}
