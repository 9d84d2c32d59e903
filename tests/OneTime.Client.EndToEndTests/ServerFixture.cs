namespace OneTime.Client.EndToEndTests;

/// Builds clients for a running test server on either transport: gRPC-Web to WebUri, or native gRPC (h2c) to GrpcUri.
/// Links are always built on WebUri, as the server's public base URL.
internal static class ServerFixture
{
    public const string Web = "web";
    public const string Grpc = "grpc";

    public static OneTimeClient Client(ServerUnderTest server, string transport, HttpMessageHandler? handler = null) =>
        new(new HttpClient(handler ?? new SocketsHttpHandler()), new OneTimeClientOptions
        {
            BaseAddress = server.WebUri,
            ServiceAddress = transport == Grpc ? server.GrpcUri : null,
            Transport = transport == Grpc ? OneTimeTransport.Grpc : OneTimeTransport.GrpcWeb,
            Timeout = TimeSpan.FromMinutes(1),
        });

    public static TheoryData<string, string> StoresAndTransports() => new()
    {
        { "memory", Web },
        { "memory", Grpc },
        { "redis", Web },
        { "redis", Grpc },
    };
}
