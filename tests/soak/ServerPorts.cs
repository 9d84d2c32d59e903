using System.Net;

namespace OneTime.Soak;

/// <summary>The server's three endpoints, told apart by how each answers <c>GET /metrics</c> over HTTP/1.1.</summary>
internal sealed record ServerPorts(int Web, int Grpc, int Management)
{
    public static readonly ServerPorts None = new(0, 0, 0);

    /// <summary>
    /// Management serves /metrics (200); Web answers it 404 (metrics are off there by default); Grpc is HTTP/2 only and
    /// answers HTTP/1.1 with 400 (or not at all).
    /// </summary>
    public static async Task<ServerPorts> IdentifyAsync(IReadOnlyList<int> ports)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        int web = 0, grpc = 0, management = 0;
        foreach (var port in ports)
        {
            try
            {
                using var response = await client.GetAsync($"http://127.0.0.1:{port}/metrics");
                if (response.StatusCode == HttpStatusCode.OK) management = port;
                else if (response.StatusCode == HttpStatusCode.NotFound) web = port;
                else grpc = port;
            }
            catch (HttpRequestException)
            {
                grpc = port;
            }
        }

        return web != 0 && grpc != 0 && management != 0
            ? new ServerPorts(web, grpc, management)
            : throw new InvalidOperationException($"Could not tell the server's endpoints apart on ports {string.Join(", ", ports)}.");
    }
}
