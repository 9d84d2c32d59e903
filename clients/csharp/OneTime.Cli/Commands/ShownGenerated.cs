using OneTime.Cli.Generators;

namespace OneTime.Cli.Commands;

/// A generated secret that send shows once on stderr after the link is made: never on stdout, where scripts read the
/// link line. With --show-generated its entropy follows; the bare --generate keeps its one line from before.
internal sealed record ShownGenerated(Generated Secret, bool WithEntropy)
{
    /// Never the secret itself.
    public override string ToString() => Secret.Kind;

    public static async Task WriteAsync(ShownGenerated? shown)
    {
        if (shown is null)
        {
            return;
        }

        await Console.Error.WriteLineAsync($"Generated {shown.Secret.Kind} (shown once): {shown.Secret.Text}");
        if (shown.WithEntropy)
        {
            await Console.Error.WriteLineAsync(shown.Secret.Describe());
        }
    }
}
