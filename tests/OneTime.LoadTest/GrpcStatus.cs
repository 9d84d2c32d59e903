namespace OneTime.LoadTest;

/// <summary>The outcome of one call: a gRPC status, or a failure below gRPC named for the error table.</summary>
internal readonly record struct CallOutcome<TResponse>(TResponse? Response, string? Error)
    where TResponse : class
{
    public bool IsOk => Error is null;

    public static CallOutcome<TResponse> Ok(TResponse response) => new(response, null);

    public static CallOutcome<TResponse> Failed(string error) => new(null, error);
}

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
