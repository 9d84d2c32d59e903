using System.Collections.Concurrent;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OneTime.V1;
using ProtoState = OneTime.V1.SecretState;

namespace OneTime.Client.Tests.Fakes;

/// An in-memory SecretService on the generated base: enough of the server to test the client's calls, statuses and
/// one-time semantics (views, receipts, burn, limits). Keeps what it stored, and the deadline of the last call, for
/// assertions.
internal sealed class FakeSecretService : SecretService.SecretServiceBase
{
    private readonly ConcurrentDictionary<string, Entry> _secrets = new();

    public ConcurrentQueue<byte[]> StoredCiphertexts { get; } = new();

    public ConcurrentQueue<StoreRequest> StoreRequests { get; } = new();

    public ConcurrentQueue<ConfirmReadRequest> ConfirmRequests { get; } = new();

    /// When set, Store answers RESOURCE_EXHAUSTED (a full store) once it has stored this many.
    public int? StoreFailsAfter { get; set; }

    /// When set, Burn alone fails with this status.
    public Status? BurnFailure { get; set; }

    /// When set, ConfirmRead alone fails with this status (an older server's UNIMPLEMENTED, receipts off, ...).
    public Status? ConfirmFailure { get; set; }

    /// Replaces the next stored ciphertext, to simulate tampering at rest.
    public Func<byte[], byte[]>? Tamper { get; set; }

    /// When set, every call but GetLimits fails with this status, as a server whose store is in trouble would
    /// answer (its limits are configuration, answered all the same).
    public Status? Failure { get; set; }

    /// What GetLimits answers; the server's defaults unless a test changes them.
    public GetLimitsResponse Limits { get; set; } = new()
    {
        MaxCiphertextBytes = 1024 * 1024,
        MinCiphertextBytes = 285,
        MinTtl = Duration.FromTimeSpan(TimeSpan.FromMinutes(1)),
        MaxTtl = Duration.FromTimeSpan(TimeSpan.FromDays(30)),
        DefaultTtl = Duration.FromTimeSpan(TimeSpan.FromDays(7)),
        MaxViews = 100,
        MaxWrongAttempts = 10,
        ReadReceipts = true,
    };

    public int GetLimitsCalls => _getLimitsCalls;

    public DateTime LastDeadline { get; private set; }

    private int _getLimitsCalls;

    public override Task<StoreResponse> Store(StoreRequest request, ServerCallContext context)
    {
        Begin(context);
        if (StoreRequests.Count >= StoreFailsAfter)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "The store is full."));
        }

        StoreRequests.Enqueue(request);
        var id = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var ciphertext = request.Ciphertext.ToByteArray();
        StoredCiphertexts.Enqueue(ciphertext);
        var expiresAt = DateTimeOffset.UtcNow + (request.Ttl?.ToTimeSpan() ?? Limits.DefaultTtl.ToTimeSpan());
        _secrets[Key(id, request.AuthToken)] = new Entry(Tamper?.Invoke(ciphertext) ?? ciphertext, Math.Max(1, request.MaxViews), expiresAt);
        return Task.FromResult(new StoreResponse { Id = id, ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt) });
    }

    public override Task<RetrieveResponse> Retrieve(RetrieveRequest request, ServerCallContext context)
    {
        Begin(context);
        var key = Key(request.Id, request.AuthToken);
        if (_secrets.TryGetValue(key, out var entry))
        {
            lock (entry)
            {
                if (entry.ViewsLeft > 0)
                {
                    entry.ViewsLeft--;
                    entry.ReadAt = DateTimeOffset.UtcNow;
                    return Task.FromResult(new RetrieveResponse { Ciphertext = ByteString.CopyFrom(entry.Ciphertext), ViewsLeft = entry.ViewsLeft });
                }
            }
        }

        throw NotFound();
    }

    public override Task<ExistsResponse> Exists(ExistsRequest request, ServerCallContext context)
    {
        Begin(context);
        if (!_secrets.TryGetValue(Key(request.Id, request.AuthToken), out var entry))
        {
            return Task.FromResult(new ExistsResponse());
        }

        lock (entry)
        {
            return Task.FromResult(new ExistsResponse
            {
                Exists = entry.ViewsLeft > 0,
                State = entry.ViewsLeft > 0 ? ProtoState.Waiting : ProtoState.Read,
                ViewsLeft = entry.ViewsLeft,
                ExpiresAt = Timestamp.FromDateTimeOffset(entry.ExpiresAt),
                ReadAt = entry.ReadAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
                ReadConfirmation = entry.ViewsLeft == 0 && entry.Confirmation is { } confirmation ? ByteString.CopyFrom(confirmation) : ByteString.Empty,
            });
        }
    }

    public override Task<BurnResponse> Burn(BurnRequest request, ServerCallContext context)
    {
        Begin(context);
        if (BurnFailure is { } failure)
        {
            throw new RpcException(failure);
        }

        return _secrets.TryRemove(Key(request.Id, request.AuthToken), out var entry) && entry.ViewsLeft > 0
            ? Task.FromResult(new BurnResponse())
            : throw NotFound();
    }

    /// The server's rules (protos/README.md "Confirmations"): one per receipt, only once every view is taken.
    public override Task<ConfirmReadResponse> ConfirmRead(ConfirmReadRequest request, ServerCallContext context)
    {
        Begin(context);
        ConfirmRequests.Enqueue(request);
        if (ConfirmFailure is { } failure)
        {
            throw new RpcException(failure);
        }

        if (request.Confirmation.Length is < 1 or > 512)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The confirmation must be 1 to 512 bytes."));
        }

        if (!_secrets.TryGetValue(Key(request.Id, request.AuthToken), out var entry))
        {
            throw NotFound();
        }

        lock (entry)
        {
            if (entry.ViewsLeft > 0)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, "The secret still has views."));
            }

            if (entry.Confirmation is not null)
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists, "The read is already confirmed."));
            }

            entry.Confirmation = request.Confirmation.ToByteArray();
        }

        return Task.FromResult(new ConfirmReadResponse());
    }

    /// Puts bytes on a secret's receipt behind the client's back, as a dishonest server or a second writer would.
    public void SetConfirmation(string id, byte[] confirmation)
    {
        foreach (var (key, entry) in _secrets)
        {
            if (key.StartsWith(id + ":", StringComparison.Ordinal))
            {
                lock (entry)
                {
                    entry.Confirmation = confirmation;
                }
            }
        }
    }

    public override Task<GetLimitsResponse> GetLimits(GetLimitsRequest request, ServerCallContext context)
    {
        LastDeadline = context.Deadline;
        Interlocked.Increment(ref _getLimitsCalls);
        return Task.FromResult(Limits);
    }

    private void Begin(ServerCallContext context)
    {
        LastDeadline = context.Deadline;
        if (Failure is { } failure)
        {
            throw new RpcException(failure);
        }
    }

    private static RpcException NotFound() => new(new Status(StatusCode.NotFound, "Secret not found."));

    private static string Key(string id, ByteString token) => id + ":" + Convert.ToHexString(SHA256.HashData(token.Span));

    private sealed class Entry(byte[] ciphertext, uint views, DateTimeOffset expiresAt)
    {
        public byte[] Ciphertext { get; } = ciphertext;

        public uint ViewsLeft { get; set; } = views;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public DateTimeOffset? ReadAt { get; set; }

        public byte[]? Confirmation { get; set; }
    }
}
