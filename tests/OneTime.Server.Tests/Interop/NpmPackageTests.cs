using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneTime.Testing;

namespace OneTime.Server.Tests.Interop;

/// <summary>
/// The TypeScript client as npm users get it: clients/web packed by <c>npm pack</c> (its prepack compiles lib/), the
/// tarball installed into a scratch project by <c>npm install</c> (its dependencies from the npm registry), and
/// tests/interop/npm-consumer/flow.ts compiled against the package's declarations and run under Node.js against the
/// real server: one secret over gRPC-Web and one over gRPC, each stored, read, then NotFound.
/// </summary>
[Collection(NpmPackageCollection.Name)]
public sealed class NpmPackageTests
{
    // npm builds, packs and installs on a machine that may be busy; the bound only keeps a hung npm from hanging the run.
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(10);

    private static readonly string WebClient = Path.Combine(RepositoryPaths.Root, "clients", "web");

    [Fact]
    public async Task PackedClient_InstalledInScratchProject_RoundTripsUnderNode()
    {
        var scratch = Directory.CreateTempSubdirectory("onetime-npm-");
        try
        {
            var tarball = await PackAsync(scratch.FullName);
            AssertPackageContents(tarball);
            await InstallAsync(scratch.FullName, tarball);
            await RunAsync(scratch.FullName, "node", ["node_modules/typescript/bin/tsc", "-p", "."]);

            await using var server = await OneTimeTestServer.StartAsync();
            var flow = await RunAsync(scratch.FullName, "node",
                ["out/flow.js", server.WebUri.GetLeftPart(UriPartial.Authority), server.GrpcUri.GetLeftPart(UriPartial.Authority)]);

            Assert.Equal("ok", flow.StandardOutput.Trim());
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static async Task<string> PackAsync(string destination)
    {
        await RunAsync(WebClient, "npm", ["pack", "--pack-destination", destination, "--loglevel=error"]);
        return Assert.Single(Directory.GetFiles(destination, "*.tgz"));
    }

    /// <summary>The built library, its declarations, README and LICENSE; no sources, specs or UI; publishable.</summary>
    private static void AssertPackageContents(string tarball)
    {
        var entries = new Dictionary<string, byte[]>();
        using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                entries[entry.Name] = content.ToArray();
            }
        }

        foreach (var file in new[] { "package.json", "README.md", "LICENSE", "lib/index.js", "lib/index.d.ts", "lib/client/client.js", "lib/gen/onetime/v1/secrets_pb.js" })
        {
            Assert.True(entries.ContainsKey($"package/{file}"), $"the package lacks {file}: {string.Join(", ", entries.Keys)}");
        }
        Assert.All(entries.Keys, name => Assert.Matches(@"^package/(package\.json|README\.md|LICENSE|lib/.+\.(js|d\.ts))$", name));
        Assert.DoesNotContain(entries.Keys, name => name.Contains("/ui/") || name.Contains(".spec."));

        var manifest = JsonNode.Parse(entries["package/package.json"])!;
        Assert.Equal("@onetime/client", (string?)manifest["name"]);
        Assert.Equal("MIT", (string?)manifest["license"]);
        Assert.Null(manifest["private"]);
        Assert.Equal("./lib/index.d.ts", (string?)manifest["exports"]?["."]?["types"]);
    }

    /// <summary>
    /// A scratch project depending on the tarball, plus connect-node for the gRPC transport and the compiler; Connect
    /// and the tools at the versions clients/web's lock file tests, so a new upstream release cannot fail this test.
    /// </summary>
    private static async Task InstallAsync(string scratch, string tarball)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Interop, "npm-consumer")))
        {
            File.Copy(file, Path.Combine(scratch, Path.GetFileName(file)));
        }

        var locked = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(WebClient, "package-lock.json")))!["packages"]!;
        string Locked(string name) => (string)locked[$"node_modules/{name}"]!["version"]!;
        var connect = Locked("@connectrpc/connect");
        var manifest = new JsonObject
        {
            ["name"] = "onetime-client-consumer",
            ["private"] = true,
            ["type"] = "module",
            ["dependencies"] = new JsonObject
            {
                ["@onetime/client"] = $"file:{tarball}",
                ["@connectrpc/connect"] = connect,
                ["@connectrpc/connect-web"] = connect,
                ["@connectrpc/connect-node"] = connect,
                ["typescript"] = Locked("typescript"),
                ["@types/node"] = Locked("@types/node"),
            },
        };
        await File.WriteAllTextAsync(Path.Combine(scratch, "package.json"), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        await RunAsync(scratch, "npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"]);
    }

    private static async Task<ProcessResult> RunAsync(string directory, string program, string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, workingDirectory: directory, timeout: NpmTimeout);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)} in {directory}: {result}");
        return result;
    }
}
