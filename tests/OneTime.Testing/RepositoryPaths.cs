namespace OneTime.Testing;

/// <summary>Paths in the repository the tests run from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Protos => Path.Combine(Root, "protos");

    public static string Interop => Path.Combine(Root, "tests", "interop");

    /// <summary>A binary installed by <c>npm ci</c> in tests/interop; a clear failure when it was not run.</summary>
    public static string InteropTool(string name)
    {
        var path = Path.Combine(Interop, "node_modules", ".bin", name);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: run `npm ci` in tests/interop (tests/run does).");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OneTime.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("OneTime.sln not found above the test binaries.");
    }
}
