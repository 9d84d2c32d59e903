using System.Diagnostics;
using System.Text;

namespace OneTime.Testing;

/// <summary>What a finished process printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, byte[] StandardOutputBytes)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}

/// <summary>Runs a real process to completion, with a bounded wait, feeding optional standard input.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        byte[]? standardInput = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        using var output = new MemoryStream();
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(output);
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null) await process.StandardInput.BaseStream.WriteAsync(standardInput);
        process.StandardInput.Close();

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(fileName)} did not finish in time.");
        }
        await stdout;
        var bytes = output.ToArray();
        return new ProcessResult(process.ExitCode, Encoding.UTF8.GetString(bytes), await stderr, bytes);
    }
}
