namespace OneTime.LoadTest;

/// <summary>The outcome of one call: a gRPC status, or a failure below gRPC named for the error table.</summary>
internal readonly record struct CallOutcome<TResponse>(TResponse? Response, string? Error)
    where TResponse : class
{
    public bool IsOk => Error is null;

    public static CallOutcome<TResponse> Ok(TResponse response) => new(response, null);

    public static CallOutcome<TResponse> Failed(string error) => new(null, error);
}
