using System.Buffers.Binary;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OneTime.V1;

namespace OneTime.LoadTest;

/// <summary>
/// One closed-loop worker's calls. Each Store sends a payload no other call sends (worker and sequence number in
/// its first bytes), so that <c>pair</c> can check that Retrieve gave back exactly the bytes it stored.
/// </summary>
internal sealed class SecretOperations(GrpcInvoker invoker, int worker, int payloadSize)
{
    private const int AuthTokenSize = 32;
    private static readonly Duration Ttl = Duration.FromTimeSpan(TimeSpan.FromMinutes(5));

    private readonly ByteString _authToken = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(AuthTokenSize));
    private readonly byte[] _template = RandomNumberGenerator.GetBytes(payloadSize);
    private long _sequence;
    private string? _existingId;

    /// <summary>One framed Store request, for tools that replay a fixed body (h2load -d).</summary>
    public static byte[] StoreRequestFrame(int payloadSize) => GrpcInvoker.Frame(new StoreRequest
    {
        Ciphertext = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(payloadSize)),
        AuthToken = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(AuthTokenSize)),
        Ttl = Ttl,
    });

    /// <summary>The number of pairs whose Retrieve returned exactly the stored bytes.</summary>
    public long PairsVerified { get; private set; }

    /// <summary>The error of the operation, or null when it succeeded.</summary>
    public Task<string?> RunAsync(Scenario scenario, CancellationToken cancellationToken) => scenario switch
    {
        Scenario.Store => StoreOnlyAsync(cancellationToken),
        Scenario.Pair => PairAsync(cancellationToken),
        _ => ExistsAsync(cancellationToken),
    };

    /// <summary>For <c>exists</c>: the secret this worker asks about, stored once up front.</summary>
    public async Task<string?> PrepareAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        if (scenario != Scenario.Exists) return null;
        var (id, error) = await StoreAsync(NextPayload(), cancellationToken).ConfigureAwait(false);
        _existingId = id;
        return error;
    }

    private async Task<string?> StoreOnlyAsync(CancellationToken cancellationToken) =>
        (await StoreAsync(NextPayload(), cancellationToken).ConfigureAwait(false)).Error;

    private async Task<string?> PairAsync(CancellationToken cancellationToken)
    {
        var payload = NextPayload();
        var (id, error) = await StoreAsync(payload, cancellationToken).ConfigureAwait(false);
        if (error is not null) return error;

        var request = new RetrieveRequest { Id = id, AuthToken = _authToken };
        var outcome = await invoker.CallAsync(worker, "Retrieve", request, RetrieveResponse.Parser, cancellationToken)
            .ConfigureAwait(false);
        if (!outcome.IsOk) return outcome.Error;
        if (!outcome.Response!.Ciphertext.Span.SequenceEqual(payload.Span)) return "Retrieve: wrong bytes";

        PairsVerified++;
        return null;
    }

    private async Task<string?> ExistsAsync(CancellationToken cancellationToken)
    {
        var request = new ExistsRequest { Id = _existingId, AuthToken = _authToken };
        var outcome = await invoker.CallAsync(worker, "Exists", request, ExistsResponse.Parser, cancellationToken)
            .ConfigureAwait(false);
        return !outcome.IsOk ? outcome.Error : outcome.Response!.Exists ? null : "Exists: false for a stored secret";
    }

    private async Task<(string Id, string? Error)> StoreAsync(ByteString payload, CancellationToken cancellationToken)
    {
        var request = new StoreRequest { Ciphertext = payload, AuthToken = _authToken, Ttl = Ttl };
        var outcome = await invoker.CallAsync(worker, "Store", request, StoreResponse.Parser, cancellationToken)
            .ConfigureAwait(false);
        return outcome.IsOk ? (outcome.Response!.Id, null) : (string.Empty, outcome.Error);
    }

    private ByteString NextPayload()
    {
        var bytes = (byte[])_template.Clone();
        Span<byte> stamp = stackalloc byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(stamp, worker);
        BinaryPrimitives.WriteInt64LittleEndian(stamp[4..], ++_sequence);
        stamp[..Math.Min(stamp.Length, bytes.Length)].CopyTo(bytes);
        return UnsafeByteOperations.UnsafeWrap(bytes);
    }
}
