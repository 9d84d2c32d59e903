using System.Text.RegularExpressions;

namespace OneTime.Server.Tests.SelfHosting;

/// <summary>
/// Reads what the tests need from docker-compose.yml: a service's <c>command:</c> list, <c>environment:</c> map and
/// healthcheck, with <c>${VAR:?msg}</c> / <c>${VAR:-default}</c> substituted as compose does. Only the block forms
/// the file uses are understood; anything else fails loudly rather than being guessed.
/// </summary>
internal sealed partial class ComposeFile(string[] lines, IReadOnlyDictionary<string, string> variables)
{
    public static ComposeFile Load(string path, IReadOnlyDictionary<string, string> variables) =>
        new(File.ReadAllLines(path), variables);

    public IReadOnlyList<string> Command(string service) =>
        Block(service, "command").Select(line => Substitute(Unquote(ListItem(line)))).ToArray();

    public IReadOnlyDictionary<string, string> Environment(string service) =>
        Block(service, "environment").Select(line => line.Trim().Split(':', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => Substitute(Unquote(pair[1].Trim())));

    /// <summary>The healthcheck's <c>test:</c> as the exec-form array it is written as.</summary>
    public IReadOnlyList<string> HealthcheckTest(string service)
    {
        var test = Block(service, "healthcheck").Single(line => line.TrimStart().StartsWith("test:", StringComparison.Ordinal));
        var array = test[(test.IndexOf('[') + 1)..test.LastIndexOf(']')];
        return JsonStrings().Matches(array).Select(m => Regex.Unescape(m.Groups[1].Value)).ToArray();
    }

    private IEnumerable<string> Block(string service, string key)
    {
        var start = Array.FindIndex(lines, line => line == $"  {service}:");
        if (start < 0) throw new InvalidDataException($"docker-compose.yml has no service '{service}'.");
        var keyLine = Array.FindIndex(lines, start + 1, line => line == $"    {key}:");
        if (keyLine < 0) throw new InvalidDataException($"Service '{service}' has no '{key}:' block.");
        for (var i = keyLine + 1; i < lines.Length && (lines[i].StartsWith("      ", StringComparison.Ordinal) || lines[i].TrimStart().StartsWith('#')); i++)
        {
            if (!lines[i].TrimStart().StartsWith('#')) yield return lines[i];
        }
    }

    private static string ListItem(string line) =>
        line.TrimStart().StartsWith("- ", StringComparison.Ordinal)
            ? line.TrimStart()[2..].Trim()
            : throw new InvalidDataException($"Not a list item: {line}");

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private string Substitute(string value) => Variable().Replace(value, match =>
    {
        var name = match.Groups["name"].Value;
        if (variables.TryGetValue(name, out var set)) return set;
        return match.Groups["op"].Value == ":-"
            ? match.Groups["rest"].Value
            : throw new InvalidDataException($"docker-compose.yml needs {name}: {match.Groups["rest"].Value}");
    });

    [GeneratedRegex(@"\$\{(?<name>[A-Z_][A-Z0-9_]*)(?<op>:[?-])(?<rest>[^}]*)\}")]
    private static partial Regex Variable();

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex JsonStrings();
}
