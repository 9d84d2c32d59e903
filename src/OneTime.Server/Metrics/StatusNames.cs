using System.Collections.Frozen;
using OneTime.Server.Grpc;

namespace OneTime.Server.Metrics;

/// <summary>Status codes as grpc/grpc doc/statuscodes.md spells them (NOT_FOUND), for metric labels.</summary>
internal static class StatusNames
{
    private static readonly FrozenDictionary<StatusCode, string> Names = Enum.GetValues<StatusCode>()
        .ToFrozenDictionary(code => code, code => ToUpperSnake(code.ToString()));

    // ResourceExhausted → RESOURCE_EXHAUSTED; OK stays OK.
    private static string ToUpperSnake(string name) => string.Concat(name.Select((c, i) =>
        i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    public static string Get(StatusCode status) => Names.TryGetValue(status, out var name) ? name : ((int)status).ToString();
}
