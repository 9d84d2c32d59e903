namespace OneTime.Testing;

/// <summary>Runs redis-cli against a loopback port, for what tests check or arrange behind the store's back.</summary>
public static class RedisCli
{
    public static async Task<string> RunAsync(int port, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(
            RedisServer.FindExecutable("redis-cli"), ["-h", "127.0.0.1", "-p", port.ToString(), .. arguments], timeout: TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli {string.Join(' ', arguments)} on port {port}: {result}");
        }

        return result.StandardOutput.Trim();
    }

    /// <summary>One field of INFO (e.g. "role", "master_link_status"), or null when the server does not answer.</summary>
    public static async Task<string?> InfoFieldAsync(int port, string section, string field)
    {
        try
        {
            var info = await RunAsync(port, "info", section);
            return info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal))?[(field.Length + 1)..];
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(100);
        }
    }
}
