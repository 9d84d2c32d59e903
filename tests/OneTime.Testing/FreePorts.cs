namespace OneTime.Testing;

/// <summary>
/// Starts a process on free loopback ports, and again on others when one was taken first. A free port is only free
/// until someone binds it: between <see cref="RedisServer.FindFreePort"/> and the process's own bind, any of the
/// servers the tests start side by side may take it. The process then says so ("address already in use") and exits;
/// the start function turns that into <see cref="PortTakenException"/>. It must also make sure that what answers on
/// the ports is its process (its own output saying it listens there, a process id), not another that holds them.
/// </summary>
public static class FreePorts
{
    private const int Attempts = 20;

    public static async Task<T> StartAsync<T>(int count, Func<int[], Task<T>> start)
    {
        var taken = new List<string>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var ports = Enumerable.Range(0, count).Select(_ => RedisServer.FindFreePort()).ToArray();
            try
            {
                return await start(ports);
            }
            catch (PortTakenException exception)
            {
                taken.Add(exception.Message);
            }
        }

        throw new InvalidOperationException($"No free ports in {Attempts} attempts:\n{string.Join("\n", taken)}");
    }

    /// <summary>
    /// Whether a process's output says that it could not bind one of <paramref name="ports"/> (Kestrel, redis-server,
    /// nginx and Caddy all name the address); a port the test did not choose is no reason to try others.
    /// </summary>
    public static bool SaysPortTaken(string output, IEnumerable<int> ports) =>
        output.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
        && ports.Any(port => output.Contains($":{port}", StringComparison.Ordinal));
}
