using System.Net;
using System.Net.Sockets;

namespace OneTime.Testing;

/// <summary>
/// Forwards loopback TCP connections to a target port until <see cref="Cut"/>, which drops every connection and
/// refuses new ones: a network partition between two processes, unlike SIGSTOP, whose peer would still deliver
/// what it had sent once the process resumes. <see cref="Stall"/> accepts new connections and never answers them: a
/// peer too slow to finish a handshake in time.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly List<Socket> _sockets = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private volatile bool _cut;
    private volatile bool _stalled;

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>Drops every relayed connection now and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Close(0); // RST: the peers learn at once
            }

            _sockets.Clear();
        }
    }

    /// <summary>
    /// Accepts new connections but forwards nothing on them, ever (they stay open and silent until <see cref="Cut"/>
    /// or dispose); connections made after <see cref="Restore"/> are forwarded again.
    /// </summary>
    public void Stall() => _stalled = true;

    public void Restore()
    {
        _cut = false;
        _stalled = false;
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Stop();
        Cut();
        try
        {
            await _acceptLoop;
        }
        catch (Exception)
        {
            // Stopping the listener ends the loop with an exception.
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stopping.Token);
            if (_cut)
            {
                client.Close(0);
                continue;
            }

            if (_stalled)
            {
                lock (_sockets)
                {
                    _sockets.Add(client);
                }

                continue;
            }

            var target = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await target.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
            }
            catch (SocketException)
            {
                client.Close(0);
                target.Dispose();
                continue;
            }

            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(target);
            }

            _ = PumpAsync(client, target);
            _ = PumpAsync(target, client);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception)
        {
            // A cut or a peer gone: close both ends below.
        }

        from.Close(0);
        to.Close(0);
    }
}
