using OneTime.Testing;

namespace OneTime.ReverseProxy.Tests;

/// <summary>
/// A file from src/OneTime.Server/deploy as shipped, with the values a test must change (ports, paths, the
/// certificate) replaced. Each replaced text must be in the file, so the tests cannot drift from what is shipped.
/// </summary>
internal static class DeployFile
{
    public static string Directory => Path.Combine(RepositoryPaths.Root, "src", "OneTime.Server", "deploy");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public static string Fill(string name, params (string Shipped, string Test)[] replacements)
    {
        var text = Read(name);
        foreach (var (shipped, test) in replacements)
        {
            Assert.True(text.Contains(shipped, StringComparison.Ordinal), $"deploy/{name} no longer contains \"{shipped}\".");
            text = text.Replace(shipped, test, StringComparison.Ordinal);
        }

        return text;
    }
}
