using System.Diagnostics;

namespace OneTime.Client.EndToEndTests.Cli;

/// Runs the real CLI, `dotnet onetime.dll ...`, as a separate process with its own stdin, env and exit code.
internal static class CliRunner
{
    private const string Setsid = "/usr/bin/setsid";
    private const string Script = "/usr/bin/script";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// onetime.dll from the CLI project's own output, in the same configuration as this test assembly.
    public static string CliPath { get; } = FindCli();

    public static Task<CliResult> RunAsync(
        IEnumerable<string> args, byte[]? stdin = null, IDictionary<string, string>? environment = null) =>
        RunAsync(Detached("dotnet", [CliPath, .. args]), stdin, environment);

    /// A program started in a new session without a controlling terminal (setsid): it can never sit waiting on a
    /// prompt at the developer's /dev/tty, and must fall back to its "no terminal" error as it would in CI.
    public static ProcessStartInfo Detached(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(File.Exists(Setsid) ? Setsid : program);
        if (File.Exists(Setsid))
        {
            start.ArgumentList.Add("--wait");
            start.ArgumentList.Add(program);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// The CLI with its stdout (and stdin, stderr) on a pseudo-terminal, as a person at a terminal runs it:
    /// util-linux `script` makes the pty and copies what the CLI writes to it to its own stdout.
    public static Task<CliResult> RunInTerminalAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var command = string.Join(' ', new[] { "dotnet", CliPath }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        var start = new ProcessStartInfo(Script);
        foreach (var arg in new[] { "--quiet", "--return", "--command", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        return RunAsync(start, null, environment);
    }

    /// Runs any client process (the other languages' CLIs too) with its own stdin, env and exit code.
    public static async Task<CliResult> RunAsync(ProcessStartInfo start, byte[]? stdin, IDictionary<string, string>? environment)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;

        // A clean slate: variables from the developer's shell must not change what a test sends.
        foreach (var name in new[] { "ONETIME_HOST", "ONETIME_GRPC", "ONETIME_SECRET", "ONETIME_PASSPHRASE", "ONETIME_LINK" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Limit);
        var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout, timeout.Token);
        var readErr = process.StandardError.ReadToEndAsync(timeout.Token);
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin, timeout.Token);
        }

        process.StandardInput.Close(); // EOF: an empty, redirected stdin when no input is given
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            await copyOut;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', start.ArgumentList.Take(3))} did not exit within {Limit}");
        }

        return new CliResult(process.ExitCode, stdout.ToArray(), await readErr);
    }

    private static string FindCli()
    {
        // .../tests/OneTime.Client.EndToEndTests/bin/{Configuration}/{tfm}/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = output.Name;
        var configuration = output.Parent!.Name;
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "buf.yaml")))
            {
                var path = Path.Combine(dir.FullName, "clients", "csharp", "OneTime.Cli", "bin", configuration, tfm, "onetime.dll");
                return File.Exists(path) ? path : throw new FileNotFoundException("Build OneTime.Cli first.", path);
            }
        }

        throw new InvalidOperationException("Repository root (buf.yaml) not found above " + AppContext.BaseDirectory);
    }
}
