namespace OneTime.Testing;

/// Stand-in for main's RedisServer (excluded once tests/OneTime.Testing exists): there is no Redis here, so the
/// "redis" cases fail loudly until main is merged, never pretend to pass.
public sealed class RedisServer : IAsyncDisposable
{
    public string Url => throw new NotSupportedException();

    public static Task<RedisServer> StartNewAsync() =>
        throw new NotSupportedException("The stand-in has no Redis; merge main's tests/OneTime.Testing.");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
