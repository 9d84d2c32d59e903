using OneTime.LoadTest;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}

if (!LoadOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine($"OneTime.LoadTest: {error}");
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

if (options!.WriteStoreRequest is { } path)
{
    await File.WriteAllBytesAsync(path, SecretOperations.StoreRequestFrame(options.PayloadSize));
    return 0;
}

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; interrupt.Cancel(); };

var report = await new LoadRunner(options, Console.Error).RunAsync(interrupt.Token);
Console.WriteLine(options.Json ? ReportPrinter.ToJson(report) : ReportPrinter.ToText(report));

// Non-zero when any call failed, so that scripts notice.
return report.ErrorCount == 0 ? 0 : 1;
