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
/// <example>
/// <code>
/// await using var redis = await RedisServer.StartNewAsync();                  // redis.Url: redis://127.0.0.1:PORT
/// await using var locked = await RedisServer.StartNewAsync(password: "s3cret"); // locked.Url carries the password
/// await redis.StopAsync(); /* Redis is down */ await redis.StartAsync();        // same port, empty dataset
/// </code>
/// </example>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly string _executable;
    private readonly IReadOnlyList<string> _extraArguments;
    private readonly string? _configFile;
    // Its own working directory: redis-server loads dump.rdb from there at start even with saving off, and a primary
    // writes one there for every full resync of a replica. In a shared folder, one test's keys appeared in the next's.
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("onetime-redis-");
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisServer(string executable, int port, string? password, IReadOnlyList<string> extraArguments, string? configFile = null)
    {
        _configFile = configFile;
        _executable = executable;
        Port = port;
        Password = password;
        _extraArguments = extraArguments;
    }

    public int Port { get; }

    /// <summary>The requirepass password, or null when the server needs no login.</summary>
    public string? Password { get; }

    /// <summary>The URL that reaches database 0 with the right password, as OneTime:Redis:Url takes it.</summary>
    public string Url => UrlFor(database: 0);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a new server. <paramref name="extraArguments"/> go straight to redis-server, e.g. "--maxmemory", "2mb".</summary>
    public static async Task<RedisServer> StartNewAsync(string? password = null, params string[] extraArguments)
    {
        var server = new RedisServer(FindExecutable(), FindFreePort(), password, extraArguments);
        await server.StartAsync();
        return server;
    }

    /// <summary>
    /// Starts a server from a config file the caller wrote (it may rewrite it, as Sentinel and Cluster nodes do), on
    /// <paramref name="port"/>; with "--sentinel" among <paramref name="extraArguments"/>, a sentinel.
    /// </summary>
    public static async Task<RedisServer> StartFromConfigFileAsync(string configFile, int port, params string[] extraArguments)
    {
        var server = new RedisServer(FindExecutable(), port, null, extraArguments, configFile);
        await server.StartAsync();
        return server;
    }

    /// <summary>"127.0.0.1:PORT", as StackExchange.Redis configuration strings and redis-cli --cluster take it.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public string UrlFor(int database) => Password is null
        ? $"redis://127.0.0.1:{Port}/{database}"
        : $"redis://:{Uri.EscapeDataString(Password)}@127.0.0.1:{Port}/{database}";

    /// <summary>Starts (or restarts, on the same port) and returns once the server answers.</summary>
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

    private async Task WaitUntilAnsweringAsync(Process process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {process.ExitCode}:\n{Output()}");
            }

            if (await AnswersPingAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer within {StartTimeout}:\n{Output()}");
    }

    // An inline PING; "+PONG" or "-NOAUTH" both mean the server is up and reading commands.
    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer);
            return read > 0 && (buffer[0] == (byte)'+' || buffer[0] == (byte)'-');
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <summary>A loopback port nobody listens on right now, e.g. for "--tls-port".</summary>
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
