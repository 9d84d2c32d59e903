using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OneTime.Testing;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, owned by the test that started it: no persistence, killed on
/// dispose. <see cref="StopAsync"/> and <see cref="StartAsync"/> take it down and bring it back on the same port,
/// for outage tests. A missing redis-server is a test failure, never a skip.
/// </summary>
/// <remarks>
/// A free port is only free until someone binds it, and the tests start many servers side by side: another process
/// can bind the port between <see cref="FindFreePort"/> and redis-server's own bind. So the server counts as started
/// only when the one answering on the port reports our process's id (<c>INFO server</c>'s <c>process_id</c>), and a
/// redis-server that could not bind its port is started again on another.
/// </remarks>
/// <example>
/// <code>
/// await using var redis = await RedisServer.StartNewAsync();                  // redis.Url: redis://127.0.0.1:PORT
/// await using var locked = await RedisServer.StartNewAsync(password: "s3cret"); // locked.Url carries the password
/// await redis.StopAsync(); /* Redis is down */ await redis.StartAsync();        // same port, empty dataset
/// </code>
/// </example>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int PortAttempts = 20;
    private readonly string _executable;
    private readonly IReadOnlyList<string> _extraArguments;
    private readonly string? _configFile;
    // Its own working directory: redis-server loads dump.rdb from there at start even with saving off, and a primary
    // writes one there for every full resync of a replica. In a shared folder, one test's keys appeared in the next's.
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("onetime-redis-");
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisServer(string executable, int port, string? password, IReadOnlyList<string> extraArguments, string? configFile = null, int? tlsPort = null)
    {
        _configFile = configFile;
        _executable = executable;
        Port = port;
        Password = password;
        _extraArguments = extraArguments;
        TlsPort = tlsPort;
    }

    public int Port { get; }

    /// <summary>The TLS port of a server from <see cref="StartNewWithTlsAsync"/>; the plain <see cref="Port"/> stays open too.</summary>
    public int? TlsPort { get; }

    /// <summary>The requirepass password, or null when the server needs no login.</summary>
    public string? Password { get; }

    /// <summary>The URL that reaches database 0 with the right password, as OneTime:Redis:Url takes it.</summary>
    public string Url => UrlFor(database: 0);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a new server. <paramref name="extraArguments"/> go straight to redis-server, e.g. "--maxmemory", "2mb".</summary>
    public static Task<RedisServer> StartNewAsync(string? password = null, params string[] extraArguments) =>
        StartOnFreePortAsync(port => new RedisServer(FindExecutable(), port, password, extraArguments));

    /// <summary>
    /// Starts a server that also speaks TLS on <see cref="TlsPort"/>, with the given PEM files and no client
    /// certificates; the plain port stays open for this helper's own checks.
    /// </summary>
    public static Task<RedisServer> StartNewWithTlsAsync(string password, string certificateFile, string keyFile) => StartOnFreePortAsync(port =>
    {
        var tlsPort = FindFreePort();
        string[] tls =
        [
            "--tls-port", tlsPort.ToString(),
            "--tls-cert-file", certificateFile,
            "--tls-key-file", keyFile,
            "--tls-ca-cert-file", certificateFile,
            "--tls-auth-clients", "no",
        ];
        return new RedisServer(FindExecutable(), port, password, tls, tlsPort: tlsPort);
    });

    /// <summary>
    /// Starts a server from a config file the caller writes for the port it is given (redis-server may rewrite it, as
    /// Sentinel and Cluster nodes do); with "--sentinel" among <paramref name="extraArguments"/>, a sentinel. If the
    /// port is taken before redis-server binds it, the file is written again for another port.
    /// </summary>
    public static Task<RedisServer> StartFromConfigFileAsync(Func<int, string> writeConfigFile, params string[] extraArguments) =>
        StartOnFreePortAsync(port => new RedisServer(FindExecutable(), port, null, extraArguments, writeConfigFile(port)));

    // A port can be taken between FindFreePort and redis-server's bind: then redis-server says so and exits, and the
    // server is started again on another free port.
    private static async Task<RedisServer> StartOnFreePortAsync(Func<int, RedisServer> create)
    {
        var taken = new List<string>();
        for (var attempt = 0; attempt < PortAttempts; attempt++)
        {
            var server = create(FindFreePort());
            try
            {
                await server.StartAsync();
                return server;
            }
            catch (PortTakenException exception)
            {
                taken.Add(exception.Message);
                await server.DisposeAsync();
            }
        }

        throw new InvalidOperationException($"redis-server found no free port in {PortAttempts} attempts:\n{string.Join("\n", taken)}");
    }

    /// <summary>"127.0.0.1:PORT", as StackExchange.Redis configuration strings and redis-cli --cluster take it.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public string UrlFor(int database) => Password is null
        ? $"redis://127.0.0.1:{Port}/{database}"
        : $"redis://:{Uri.EscapeDataString(Password)}@127.0.0.1:{Port}/{database}";

    /// <summary>
    /// Starts (or restarts, on the same port) and returns once this process answers on the port. Throws if another
    /// process took the port meanwhile.
    /// </summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(_executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (_configFile is not null)
        {
            start.ArgumentList.Add(_configFile); // redis-server takes its config file as the first argument only
        }

        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", _directory.FullName })
        {
            start.ArgumentList.Add(argument);
        }

        if (Password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(Password);
        }

        foreach (var argument in _extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await WaitUntilAnsweringAsync(process);
        }
        catch
        {
            // The caller gets no server to dispose: do not leave a redis-server behind.
            await StopAsync();
            throw;
        }
    }

    /// <summary>Kills the server (like a crash: no shutdown save) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it is under the temporary folder.
        }
    }

    // Up means: the server answering on the port is this process. Another process on the port (one that bound it
    // first) answers with its own process id, or not in RESP at all; then ours cannot bind and exits, saying so.
    private async Task WaitUntilAnsweringAsync(Process process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(); // its output is read to the end
                var output = Output();
                var message = $"redis-server exited with code {process.ExitCode}:\n{output}";
                throw FreePorts.SaysPortTaken(output, TlsPort is { } tls ? [Port, tls, Port + 10000] : [Port, Port + 10000])
                    || output.Contains("port number too high", StringComparison.Ordinal)
                    ? new PortTakenException(message)
                    : new InvalidOperationException(message);
            }

            if (await AnsweringProcessIdAsync() == process.Id)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer within {StartTimeout}:\n{Output()}");
    }

    // INFO server (after AUTH when the server has a password), in RESP; null when nothing answers, or not as Redis.
    private async Task<int?> AnsweringProcessIdAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            using var timeout = new CancellationTokenSource(StartTimeout);
            if ((Password ?? PasswordInExtraArguments()) is { } password)
            {
                await stream.WriteAsync(Command("AUTH", password), timeout.Token);
                if (await ReadReplyAsync(stream, timeout.Token) is not "+OK")
                {
                    return null;
                }
            }

            await stream.WriteAsync(Command("INFO", "server"), timeout.Token);
            var info = await ReadReplyAsync(stream, timeout.Token);
            var line = info?.Split("\r\n").FirstOrDefault(l => l.StartsWith("process_id:", StringComparison.Ordinal));
            return int.TryParse(line?["process_id:".Length..], out var id) ? id : null;
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    // A caller may pass "--requirepass" itself (as docker-compose.yml's command does); the last one is redis-server's.
    private string? PasswordInExtraArguments()
    {
        var at = _extraArguments.ToList().FindLastIndex(a => a == "--requirepass");
        return at >= 0 && at + 1 < _extraArguments.Count ? _extraArguments[at + 1] : null;
    }

    private static byte[] Command(params string[] parts)
    {
        var text = new StringBuilder($"*{parts.Length}\r\n");
        foreach (var part in parts)
        {
            text.Append($"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // One reply: a simple string or error as its line ("+OK", "-NOAUTH ..."), a bulk string as its content.
    private static async Task<string?> ReadReplyAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var text = Encoding.UTF8.GetString(received.ToArray());
            var end = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var first = text[..end];
                if (!first.StartsWith('$'))
                {
                    return first;
                }

                if (!int.TryParse(first[1..], out var length) || length < 0)
                {
                    return null;
                }

                var body = received.Skip(Encoding.UTF8.GetByteCount(first) + 2).ToArray();
                if (body.Length >= length)
                {
                    return Encoding.UTF8.GetString(body, 0, length);
                }
            }

            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }
    }

    /// <summary>What the server wrote on stdout and stderr so far (its log), for a test's failure message.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <summary>
    /// A loopback port nobody listens on right now. Only right now: whoever binds it next must check that it got it
    /// (and try another if not), as <see cref="StartNewAsync"/> does.
    /// </summary>
    public static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindExecutable() => FindExecutable("redis-server");

    /// <summary>redis-server or redis-cli from PATH; missing is an error, never a reason to skip.</summary>
    public static string FindExecutable(string name)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Append("/usr/bin").Append("/usr/local/bin");
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"{name} was not found on PATH. The Redis tests need a real server: install redis-server " +
                "(apt-get install -y redis-server); the README test command does.");
    }
}

/// <summary>The process could not bind its port: someone else has it. Start again on another.</summary>
public sealed class PortTakenException(string message) : InvalidOperationException(message);
