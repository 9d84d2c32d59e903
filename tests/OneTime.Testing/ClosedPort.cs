using System.Net;
using System.Net.Sockets;

namespace OneTime.Testing;

/// <summary>
/// A loopback port where nothing listens, held for the test: bound and never listening, so connections to it are
/// refused, and (bound without SO_REUSEADDR) no other process can bind it meanwhile. A port found free and let go
/// could be taken by any server starting beside the test, which would then answer in its place.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort()
    {
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}
