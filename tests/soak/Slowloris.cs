using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OneTime.Soak;

/// <summary>
/// Hundreds of connections that start a request and never finish it, one header line or one byte a second: on the
/// Web endpoint an HTTP/1.1 request whose headers never end, on the Grpc endpoint an HTTP/2 HEADERS frame whose
/// payload never arrives. Counts how many of them the server closed while they were held.
/// </summary>
internal static class Slowloris
{
    private static readonly byte[] Http2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();
    private static readonly TimeSpan TrickleInterval = TimeSpan.FromSeconds(1);

    public static async Task<(int Opened, int ClosedByServer)> HoldAsync(ServerPorts ports, int perEndpoint, TimeSpan hold)
    {
        var sockets = new List<(Socket Socket, bool Web)>();
        try
        {
            for (var i = 0; i < perEndpoint; i++)
            {
                sockets.Add((await OpenAsync(ports.Web, StartHttp1()), true));
                sockets.Add((await OpenAsync(ports.Grpc, StartHttp2()), false));
            }

            var closed = new HashSet<Socket>();
            var until = DateTime.UtcNow + hold;
            while (DateTime.UtcNow < until)
            {
                await Task.Delay(TrickleInterval);
                foreach (var (socket, web) in sockets)
                {
                    if (closed.Contains(socket)) continue;
                    try
                    {
                        // A server that gave up on the connection has closed it (or sent GOAWAY and closed): reads 0 or fails.
                        if (socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0) { closed.Add(socket); continue; }
                        if (socket.Available > 0) _ = socket.Receive(new byte[socket.Available]);
                        socket.Send(web ? "X-Slow: 1\r\n"u8 : "\0"u8);
                    }
                    catch (SocketException)
                    {
                        closed.Add(socket);
                    }
                }
            }

            return (sockets.Count, closed.Count);
        }
        finally
        {
            foreach (var (socket, _) in sockets) socket.Dispose();
        }
    }

    private static byte[] StartHttp1() => Encoding.ASCII.GetBytes("POST /onetime.v1.SecretService/Store HTTP/1.1\r\nHost: 127.0.0.1\r\n");

    private static byte[] StartHttp2()
    {
        var bytes = new List<byte>(Http2Preface);
        bytes.AddRange([0, 0, 0, 0x04, 0, 0, 0, 0, 0]); // SETTINGS, empty, stream 0
        bytes.AddRange([0, 0, 100, 0x01, 0x04, 0, 0, 0, 1]); // HEADERS of 100 bytes, END_HEADERS, stream 1: none follow yet
        return [.. bytes];
    }

    private static async Task<Socket> OpenAsync(int port, byte[] start)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await socket.SendAsync(start);
        return socket;
    }
}
