using System.Text;

namespace OneTime.Client.EndToEndTests.Cli;

/// What one run of the onetime process produced.
internal sealed record CliResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);
}
