using System.Buffers.Text;
using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Net.Client;
using OneTime.V1;

namespace OneTime.Client.EndToEndTests;

/// The generated gRPC client with nothing of OneTime.Client around it: a reader's client from before read
/// confirmations (Retrieve and nothing more), and a way to put any bytes on a receipt through ConfirmRead, as a link
/// holder may. Links without a passphrase only: the token is HKDF(K, info "onetime/v1/auth-token") (protos/README.md "Keys").
internal sealed class OlderClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly SecretService.SecretServiceClient _client;

    public OlderClient(ServerUnderTest server)
    {
        _channel = GrpcChannel.ForAddress(server.GrpcUri);
        _client = new SecretService.SecretServiceClient(_channel);
    }

    public async Task<RetrieveResponse> RetrieveAsync(string link)
    {
        var (id, token) = Parse(link);
        return await _client.RetrieveAsync(new RetrieveRequest { Id = id, AuthToken = token });
    }

    /// What the receipt holds, exactly as the server hands it to the sender's client.
    public async Task<byte[]> ReadConfirmationAsync(string link)
    {
        var (id, token) = Parse(link);
        return (await _client.ExistsAsync(new ExistsRequest { Id = id, AuthToken = token })).ReadConfirmation.ToByteArray();
    }

    public async Task ConfirmReadAsync(string link, byte[] confirmation)
    {
        var (id, token) = Parse(link);
        await _client.ConfirmReadAsync(new ConfirmReadRequest { Id = id, AuthToken = token, Confirmation = ByteString.CopyFrom(confirmation) });
    }

    public void Dispose() => _channel.Dispose();

    private static (string Id, ByteString Token) Parse(string link)
    {
        var parts = link[(link.IndexOf('#') + 1)..].Split('.');
        var key = Base64Url.DecodeFromChars(parts[2]);
        var token = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, [], "onetime/v1/auth-token"u8.ToArray());
        return (parts[1], ByteString.CopyFrom(token));
    }
}
