using System.Net;
using System.Net.Sockets;

namespace OneTime.Client.EndToEndTests.Cli;

/// A loopback TCP relay in front of the server that counts (and keeps) the bytes clients send through it: the proof
/// that a refused send uploaded nothing is that fewer bytes than the secret ever reached the server, and the proof
/// that something never left the client is that no request holds it.
internal sealed class CountingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private readonly MemoryStream _upstream = new();
    private long _upstreamBytes;

    public CountingRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri Uri { get; }

    /// Bytes from clients to the server, over every connection so far.
    public long UpstreamBytes => Interlocked.Read(ref _upstreamBytes);

    /// Whether any client sent these bytes to the server, over every connection so far.
    public bool SentUpstream(ReadOnlySpan<byte> bytes)
    {
        lock (_upstream)
        {
            return _upstream.GetBuffer().AsSpan(0, (int)_upstream.Length).IndexOf(bytes) >= 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                _ = RelayAsync(client);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
                var up = CopyAsync(client.GetStream(), server.GetStream(), count: true);
                var down = CopyAsync(server.GetStream(), client.GetStream(), count: false);
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // A connection ending is the normal way out.
            }
        }
    }

    private async Task CopyAsync(Stream from, Stream to, bool count)
    {
        var buffer = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await from.ReadAsync(buffer, _stopping.Token)) > 0)
            {
                if (count)
                {
                    Interlocked.Add(ref _upstreamBytes, read);
                    lock (_upstream)
                    {
                        _upstream.Write(buffer, 0, read);
                    }
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }
}
