using System.Text.Json;

namespace OneTime.Client.Tests.Vectors;

/// Loads protos/testdata/request-v1.json, as copied next to the test assembly.
internal static class RequestVectorFile
{
    public const string FileName = "request-v1.json";

    public static string OutputPath => Path.Combine(AppContext.BaseDirectory, "testdata", FileName);

    public static string RepositoryPath => Path.Combine(Path.GetDirectoryName(VectorFile.RepositoryPath)!, FileName);

    public static JsonElement Root => Document.Value.RootElement;

    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(OutputPath)));

    public static IEnumerable<object[]> Names(string section) =>
        Root.GetProperty(section).EnumerateArray().Select(e => new object[] { e.GetProperty("name").GetString()! });

    public static IEnumerable<object[]> Links(string section) =>
        Root.GetProperty(section).EnumerateArray().Select(e => new object[] { e.GetProperty("link").GetString()!, e.GetProperty("why").GetString()! });

    public static JsonElement Find(string section, string name) =>
        Root.GetProperty(section).EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static byte[] Hex(this JsonElement element, string property) => Convert.FromHexString(element.Text(property));
}
