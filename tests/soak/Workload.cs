using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OneTime.LoadTest;
using OneTime.V1;

namespace OneTime.Soak;

/// <summary>
/// The mix at a fixed rate, half over gRPC and half over gRPC-Web: Store (one view, or three), Retrieve, Exists and
/// Burn of secrets the ledger holds as waiting, a ConfirmRead after one last view in four (as a reader's client
/// sends it, so the acknowledged write of a confirmation meets the faults too), and re-reads of secrets that must be
/// gone (the check for a second reveal). Operations fall due on the load generator's <see cref="FixedRateSchedule"/> and any free worker takes one.
/// </summary>
internal sealed class Workload(SoakChannels channels, Ledger ledger, CallRecorder recorder, TimeSpan deadline)
{
    private const int Workers = 512;       // enough to keep the rate while calls wait out a failover
    private const int KeptOneIn = 20;      // one acknowledged Store in 20 is kept untouched until the end
    private const int PayloadSize = 300;   // over the smallest envelope (285 bytes, protos/README.md)
    private const int ConfirmedOneIn = 4;  // last views followed by a ConfirmRead
    private const int ConfirmationSize = 285; // format 1 (protos/README.md "Read confirmations (format 1)")
    private static readonly Duration Ttl = Duration.FromTimeSpan(TimeSpan.FromHours(2)); // outlives the longest soak

    /// <summary>Runs until <paramref name="stop"/> is cancelled (or a day has passed).</summary>
    public async Task RunAsync(long start, int rate, CancellationToken stop)
    {
        var schedule = new FixedRateSchedule(start, start, start + (long)(TimeSpan.FromDays(1).TotalSeconds * Stopwatch.Frequency), rate);
        var pacing = schedule.RunAsync(stop);
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (await schedule.Released.WaitToReadAsync(CancellationToken.None))
            {
                while (schedule.Released.TryRead(out var due)) await RunOneAsync(due);
            }
        }, CancellationToken.None)));
        await pacing;
    }

    private Task RunOneAsync(long due)
    {
        var web = Random.Shared.Next(2) == 0;
        var roll = Random.Shared.Next(100);
        if (roll < 10 && ledger.TryTakeEnded(out var ended)) return RereadAsync(ended, web, due);
        if (roll >= 35 && ledger.TryTakeWaiting(out var secret))
        {
            return roll switch
            {
                < 75 => RetrieveAsync(secret, web, due),
                < 90 => ExistsAsync(secret, web, due),
                _ => BurnAsync(secret, web, due),
            };
        }

        return StoreAsync(web, due, maxViews: roll % 4 == 0 ? 3 : 1);
    }

    private async Task StoreAsync(bool web, long due, int maxViews)
    {
        var payload = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(PayloadSize));
        var token = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32));
        var request = new StoreRequest { Ciphertext = payload, AuthToken = token, Ttl = Ttl, MaxViews = (uint)maxViews };
        var (response, sent) = await CallAsync("Store", web, due, client => client.StoreAsync(request, Options()).ResponseAsync);
        if (response is null) return;
        var secret = new Secret(response.Id, token, payload, maxViews, recorder.Seconds(sent));
        if (Random.Shared.Next(KeptOneIn) == 0) ledger.Kept(secret);
        else ledger.Stored(secret);
    }

    private async Task RetrieveAsync(Secret secret, bool web, long due)
    {
        var request = new RetrieveRequest { Id = secret.Id, AuthToken = secret.Token };
        var (response, _, status) = await CallWithStatusAsync("Retrieve", web, due, client => client.RetrieveAsync(request, Options()).ResponseAsync);
        if (response is not null) ledger.Revealed(secret, response.Ciphertext.Span, response.ViewsLeft);
        else if (status == StatusCode.NotFound) ledger.FoundMissing(secret, recorder.Seconds(Stopwatch.GetTimestamp()), "Retrieve");
        else secret.Ambiguous = true;
        ledger.Return(secret);
        // Due when the read ended, as a reader's client sends it: its latency is its own, not the read's again.
        if (response is { ViewsLeft: 0 } && Random.Shared.Next(ConfirmedOneIn) == 0) await ConfirmReadAsync(secret, web, Stopwatch.GetTimestamp());
    }

    // The receipt the last view left, confirmed once: OK; NOT_FOUND (receipt gone) is an answer like any other miss.
    private async Task ConfirmReadAsync(Secret secret, bool web, long due)
    {
        var request = new ConfirmReadRequest
        {
            Id = secret.Id, AuthToken = secret.Token, Confirmation = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(ConfirmationSize)),
        };
        await CallAsync("ConfirmRead", web, due, client => client.ConfirmReadAsync(request, Options()).ResponseAsync);
    }

    private async Task ExistsAsync(Secret secret, bool web, long due)
    {
        var request = new ExistsRequest { Id = secret.Id, AuthToken = secret.Token };
        var (response, _) = await CallAsync("Exists", web, due, client => client.ExistsAsync(request, Options()).ResponseAsync);
        if (response is { Exists: false }) ledger.FoundMissing(secret, recorder.Seconds(Stopwatch.GetTimestamp()), "Exists");
        ledger.Return(secret);
    }

    private async Task BurnAsync(Secret secret, bool web, long due)
    {
        var request = new BurnRequest { Id = secret.Id, AuthToken = secret.Token };
        var (response, _, status) = await CallWithStatusAsync("Burn", web, due, client => client.BurnAsync(request, Options()).ResponseAsync);
        if (response is not null) ledger.Burned(secret);
        else if (status == StatusCode.NotFound) ledger.FoundMissing(secret, recorder.Seconds(Stopwatch.GetTimestamp()), "Burn");
        else secret.Ambiguous = true;
        ledger.Return(secret);
    }

    /// <summary>A Retrieve of a secret that must be gone: NOT_FOUND is right, a reveal is recorded as the violation it is.</summary>
    private async Task RereadAsync(Secret secret, bool web, long due)
    {
        var request = new RetrieveRequest { Id = secret.Id, AuthToken = secret.Token };
        var (response, _, _) = await CallWithStatusAsync("Re-read", web, due, client => client.RetrieveAsync(request, Options()).ResponseAsync,
            expected: StatusCode.NotFound);
        if (response is not null) ledger.Revealed(secret, response.Ciphertext.Span, response.ViewsLeft);
        ledger.Return(secret);
    }

    /// <summary>The final sweep's check of one secret still waiting: it must exist.</summary>
    public async Task SweepAsync(Secret secret)
    {
        var request = new ExistsRequest { Id = secret.Id, AuthToken = secret.Token };
        var now = Stopwatch.GetTimestamp();
        var (response, _) = await CallAsync("Sweep", web: false, now, client => client.ExistsAsync(request, Options()).ResponseAsync);
        if (response is { Exists: false }) ledger.FoundMissing(secret, recorder.Seconds(Stopwatch.GetTimestamp()), "final sweep");
    }

    /// <summary>The final sweep's Retrieve of a secret found missing: a reveal means the NOT_FOUND it got was false.</summary>
    public async Task RereadMissingAsync(Secret secret)
    {
        var request = new RetrieveRequest { Id = secret.Id, AuthToken = secret.Token };
        var now = Stopwatch.GetTimestamp();
        var (response, _, _) = await CallWithStatusAsync("Sweep", web: false, now, client => client.RetrieveAsync(request, Options()).ResponseAsync);
        if (response is not null) ledger.Revealed(secret, response.Ciphertext.Span, response.ViewsLeft);
    }

    private CallOptions Options() => new(deadline: DateTime.UtcNow + deadline);

    private async Task<(TResponse? Response, long Sent)> CallAsync<TResponse>(
        string operation, bool web, long due, Func<SecretService.SecretServiceClient, Task<TResponse>> call) where TResponse : class
    {
        var (response, sent, _) = await CallWithStatusAsync(operation, web, due, call);
        return (response, sent);
    }

    // NOT_FOUND is an answer, not a failure: the ledger judges it. Anything else but OK is a failed call.
    private async Task<(TResponse? Response, long Sent, StatusCode Status)> CallWithStatusAsync<TResponse>(
        string operation, bool web, long due, Func<SecretService.SecretServiceClient, Task<TResponse>> call,
        StatusCode expected = StatusCode.OK) where TResponse : class
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            var response = await call(channels.For(web));
            recorder.Record(operation, web, due, sent, Stopwatch.GetTimestamp(), StatusCode.OK, null);
            return (response, sent, StatusCode.OK);
        }
        catch (RpcException e)
        {
            var status = ClosedAfterGoAway(e) ? StatusCode.Unavailable : e.StatusCode;
            var answered = status is StatusCode.NotFound || status == expected;
            recorder.Record(operation, web, due, sent, Stopwatch.GetTimestamp(), answered ? StatusCode.OK : status, answered ? null : Cause(e));
            return (null, sent, status);
        }
    }

    // On SIGTERM Kestrel sends GOAWAY(last stream, NO_ERROR) and closes at once; SocketsHttpHandler fails a call it had
    // queued but not yet written (the server never saw it) with that code instead of retrying it, and grpc-dotnet says
    // INTERNAL. OneTime's client reports it as UNAVAILABLE (GrpcStatusMapping), and so does the soak; the failure
    // table keeps its cause, "closed after GOAWAY".
    private static bool ClosedAfterGoAway(RpcException e) =>
        e.StatusCode == StatusCode.Internal
        && e.Status.DebugException is HttpRequestException { InnerException: HttpProtocolException { ErrorCode: 0 } };

    // Why a call failed below gRPC, in a few words (never the request: no id or token reaches a report).
    private static string? Cause(RpcException e)
    {
        for (var inner = e.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused }) return "connection refused";
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionReset }) return "connection reset";
            // HttpProtocolException is an HttpIOException: ask for it first, so the report keeps the HTTP/2 error code.
            if (inner is HttpProtocolException { ErrorCode: 0 }) return "closed after GOAWAY";
            if (inner is HttpProtocolException protocol) return $"HTTP/2 error {protocol.ErrorCode}";
            if (inner is HttpIOException io) return "connection cut: " + io.HttpRequestError;
        }

        return e.Status.DebugException?.GetType().Name ?? (e.Status.Detail.Length > 60 ? e.Status.Detail[..60] : e.Status.Detail);
    }
}
