using Grpc.Core;

namespace OneTime.Server.Metrics;

/// <summary>Status codes as grpc/grpc doc/statuscodes.md spells them (NOT_FOUND), for metric labels.</summary>
internal static class StatusNames
{
    /// <summary>The codes 0 (OK) to 16 (UNAUTHENTICATED).</summary>
    public const int Count = 17;

    private static readonly string[] Names = Enumerable.Range(0, Count)
        .Select(code => ToUpperSnake(((StatusCode)code).ToString())).ToArray();

    public static string Get(StatusCode status) => (uint)status < Count ? Names[(int)status] : ((int)status).ToString();

    // ResourceExhausted → RESOURCE_EXHAUSTED; OK stays OK.
    private static string ToUpperSnake(string name) => string.Concat(name.Select((c, i) =>
        i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
