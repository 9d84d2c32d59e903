using System.Diagnostics;
using OneTime.Soak;
using OneTime.Testing;

// The soak with faults (tests/PERFORMANCE.md "Soak with faults"). Exit code 0 when every assertion held, 1 when one
// failed, 2 for a bad command line.
SoakOptions options;
try
{
    options = SoakOptions.Parse(args, Path.Combine(RepositoryPaths.Root, "tests", "soak", "results"));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(SoakOptions.Usage);
    return 2;
}

var deadline = TimeSpan.FromSeconds(10); // a failover and the store's 5 s command timeout fit in it
var hold = FaultSchedule.HoldFor(options.Duration);
var schedule = new FaultSchedule(options.Duration);
Console.WriteLine($"Soak for {options.Duration.TotalSeconds:F0} s at {options.Rate} operations/s; each fault held {hold.TotalSeconds:F0} s. Schedule:");
foreach (var fault in schedule.Faults) Console.WriteLine($"  {fault.DueAt,6:F0} s  {fault.Name}");

Directory.CreateDirectory(options.OutputDirectory);
var build = await ServerBuild.FindOrBuildAsync(options, Console.Out);
Console.WriteLine($"server: {build.Kind} build in {build.Directory}");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

await using var redis = await RedisSentinelSet.StartAsync();
var environment = new Dictionary<string, string>
{
    ["OneTime__Store"] = "redis",
    ["OneTime__Redis__Configuration"] = redis.Configuration,
    ["OneTime__Redis__ReplicasToAcknowledge"] = "1",
    // All load comes from one address: the per-client rate limits and quota would refuse most of it.
    ["OneTime__RateLimits__Enabled"] = "false",
    ["OneTime__Quota__Enabled"] = "false",
    ["Logging__LogLevel__Default"] = "Warning",
    ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information", // the "Now listening on" lines
    ["DOTNET_gcServer"] = "0",
};
await using var server = new ServerProcess(build, environment, options.OutputDirectory);
await server.StartAsync();

var start = Stopwatch.GetTimestamp();
var ledger = new Ledger();
var recorder = new CallRecorder(start, schedule, deadline);
var sampler = new ResourceSampler(server, start);
using var channels = new SoakChannels(() => server.Ports);
var workload = new Workload(channels, ledger, recorder, deadline);
var injector = new FaultInjector(redis, server, schedule, ledger, start, hold, Console.Out);

using var sampling = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
var samplerTask = sampler.RunAsync(sampling.Token);
// The load runs for the duration, and on for a recovery window after the last fault healed when the faults took longer.
using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
var load = workload.RunAsync(start, options.Rate, stopLoad.Token);
try
{
    await injector.RunAsync(stop.Token);
}
catch (Exception e) when (e is TimeoutException or InvalidOperationException or OperationCanceledException)
{
    Console.WriteLine($"fault injection stopped: {e.Message}");
}

var end = Math.Max(options.Duration.TotalSeconds, Stopwatch.GetElapsedTime(start).TotalSeconds + FaultSchedule.RecoveryWindow.TotalSeconds);
stopLoad.CancelAfter(TimeSpan.FromSeconds(end) - Stopwatch.GetElapsedTime(start));
await load;

// Every secret still waiting or kept must still be there, and every one found missing must still be missing.
var swept = 0;
using (var sweepTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
{
    var waiting = ledger.TakeAllWaiting();
    await Parallel.ForEachAsync(waiting, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = sweepTimeout.Token }, async (secret, _) =>
    {
        await workload.SweepAsync(secret);
        Interlocked.Increment(ref swept);
    });
    await Parallel.ForEachAsync(ledger.Missing.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = sweepTimeout.Token },
        async (secret, _) => await workload.RereadMissingAsync(secret));
}

await sampler.SampleAsync();
await sampling.CancelAsync();
await samplerTask;

var report = new SoakReport(options, build, schedule, ledger, recorder, sampler.Samples, injector.ServerExitCode, swept);
report.Write(Console.Out);
return report.Passed ? 0 : 1;
