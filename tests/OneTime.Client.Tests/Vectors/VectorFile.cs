using System.Text.Json;

namespace OneTime.Client.Tests.Vectors;

/// Loads protos/testdata/envelope-v1.json, as copied next to the test assembly.
internal static class VectorFile
{
    public const string FileName = "envelope-v1.json";

    public static string OutputPath => Path.Combine(AppContext.BaseDirectory, "testdata", FileName);

    public static string RepositoryPath
    {
        get
        {
            // Walk up from bin/ to the directory holding buf.yaml: the repository root.
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "buf.yaml")))
                {
                    return Path.Combine(dir.FullName, "protos", "testdata", FileName);
                }
            }

            throw new InvalidOperationException("buf.yaml not found above " + AppContext.BaseDirectory);
        }
    }

    public static JsonElement Root => Document.Value.RootElement;

    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(OutputPath)));

    public static IEnumerable<object[]> Names(string section) =>
        Root.GetProperty(section).EnumerateArray().Select(e => new object[] { e.GetProperty("name").GetString()! });

    public static JsonElement Find(string section, string name) =>
        Root.GetProperty(section).EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
}
