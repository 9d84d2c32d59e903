using System.Collections.Concurrent;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OneTime.V1;

namespace OneTime.Client.Tests.Fakes;

/// An in-memory SecretService on the generated base: enough of the server to test the client's calls, statuses and
/// one-time semantics. Keeps what it stored, and the deadline of the last call, for assertions.
internal sealed class FakeSecretService : SecretService.SecretServiceBase
{
    private readonly ConcurrentDictionary<string, byte[]> _secrets = new();

    public ConcurrentQueue<byte[]> StoredCiphertexts { get; } = new();

    /// Replaces the next stored ciphertext, to simulate tampering at rest.
    public Func<byte[], byte[]>? Tamper { get; set; }

    /// When set, every call fails with this status, as a server in trouble would answer.
    public Status? Failure { get; set; }

    public DateTime LastDeadline { get; private set; }

    public override Task<StoreResponse> Store(StoreRequest request, ServerCallContext context)
    {
        Begin(context);
        var id = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var ciphertext = request.Ciphertext.ToByteArray();
        StoredCiphertexts.Enqueue(ciphertext);
        _secrets[Key(id, request.AuthToken)] = Tamper?.Invoke(ciphertext) ?? ciphertext;
        return Task.FromResult(new StoreResponse
        {
            Id = id,
            ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow + request.Ttl.ToTimeSpan()),
        });
    }

    public override Task<RetrieveResponse> Retrieve(RetrieveRequest request, ServerCallContext context)
    {
        Begin(context);
        return _secrets.TryRemove(Key(request.Id, request.AuthToken), out var ciphertext)
            ? Task.FromResult(new RetrieveResponse { Ciphertext = ByteString.CopyFrom(ciphertext) })
            : throw new RpcException(new Status(StatusCode.NotFound, "Secret not found."));
    }

    public override Task<ExistsResponse> Exists(ExistsRequest request, ServerCallContext context)
    {
        Begin(context);
        return Task.FromResult(_secrets.ContainsKey(Key(request.Id, request.AuthToken))
            ? new ExistsResponse { Exists = true, ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)) }
            : new ExistsResponse());
    }

    private void Begin(ServerCallContext context)
    {
        LastDeadline = context.Deadline;
        if (Failure is { } failure)
        {
            throw new RpcException(failure);
        }
    }

    private static string Key(string id, ByteString token) => id + ":" + Convert.ToHexString(SHA256.HashData(token.Span));
}
