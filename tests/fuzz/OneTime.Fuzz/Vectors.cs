using System.Text.Json;

namespace OneTime.Fuzz;

/// <summary>The shared vectors of protos/testdata (envelope-v1.json, request-v1.json), read in place.</summary>
public sealed class Vectors(JsonElement envelope, JsonElement request)
{
    public JsonElement Envelope { get; } = envelope;

    public JsonElement Request { get; } = request;

    public static Vectors Load(string protosRoot) => new(Read(protosRoot, "envelope-v1.json"), Read(protosRoot, "request-v1.json"));

    /// <summary>Every string value at <paramref name="property"/> in the arrays and objects below <paramref name="element"/>.</summary>
    public static IEnumerable<string> Strings(JsonElement element, string property) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == property && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Strings(p.Value, property)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(e => Strings(e, property)),
        _ => [],
    };

    private static JsonElement Read(string protosRoot, string name) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(protosRoot, "testdata", name))).RootElement;
}
