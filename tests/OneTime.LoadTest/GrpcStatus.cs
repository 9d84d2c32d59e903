namespace OneTime.LoadTest;

internal static class GrpcStatus
{
    // https://github.com/grpc/grpc/blob/master/doc/statuscodes.md
    private static readonly string[] Names =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
        "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    public static string Describe(int code) =>
        code >= 0 && code < Names.Length ? $"{Names[code]} ({code})" : $"status {code}";
}
