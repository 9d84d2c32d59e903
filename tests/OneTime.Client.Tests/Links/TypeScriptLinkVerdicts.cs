using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace OneTime.Client.Tests.Links;

/// The TypeScript client's parsers, run over a corpus (in a temporary file) by tests/interop/link-verdicts.ts under vite-node from
/// clients/web/node_modules (tests/run installs it with npm ci): one verdict a candidate, in order.
internal static class TypeScriptLinkVerdicts
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<IReadOnlyList<JsonNode>> ReadAsync(IReadOnlyList<string> corpus)
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Vectors.VectorFile.RepositoryPath)))!;
        var viteNode = Path.Combine(root, "clients", "web", "node_modules", ".bin", "vite-node");
        if (!File.Exists(viteNode))
        {
            throw new InvalidOperationException($"{viteNode} is missing: run `npm ci` in clients/web (tests/run does).");
        }

        var file = Path.GetTempFileName();
        await File.WriteAllLinesAsync(file, corpus.Select(LinkCorpus.Encode));
        var start = new ProcessStartInfo(viteNode)
        {
            ArgumentList = { Path.Combine(root, "tests", "interop", "link-verdicts.ts"), file },
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("vite-node did not start.");
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
            var errors = process.StandardError.ReadToEndAsync(cancel.Token);
            await process.WaitForExitAsync(cancel.Token);
            var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return process.ExitCode == 0 && lines.Length == corpus.Count
                ? lines.Select(line => JsonNode.Parse(line)!).ToList()
                : throw new InvalidOperationException($"link-verdicts.ts exited {process.ExitCode} with {lines.Length} of {corpus.Count} verdicts: {await errors}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            File.Delete(file);
        }
    }
}
