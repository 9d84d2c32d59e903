using Grpc.Core;
using OneTime.V1;

namespace OneTime.Client.Internal.Transport;

/// Unary calls on the generated SecretService client, with the call deadline, over the caller's HttpClient. Every
/// failure leaves here as the exception callers catch, mapped in GrpcStatusMapping.
internal sealed class SecretServiceCaller(HttpClient httpClient, OneTimeTransport transport, TimeSpan timeout)
{
    // Links may name any host. A handful of addresses covers real use; past that, a call gets a channel of its own,
    // disposed after it, so a process reading links from many hosts does not keep a channel for each.
    private const int MaxCachedChannels = 16;

    private readonly Dictionary<string, SecretService.SecretServiceClient> _clients = new(StringComparer.Ordinal);

    public async Task<TResponse> CallAsync<TResponse>(
        Uri address,
        Func<SecretService.SecretServiceClient, CallOptions, AsyncUnaryCall<TResponse>> invoke,
        CancellationToken cancellationToken,
        bool storing = false)
    {
        var client = GetCachedClient(address);
        var ownChannel = client is null ? ServiceChannel.Create(address, httpClient, transport) : null;
        client ??= new SecretService.SecretServiceClient(ownChannel);

        // grpc-dotnet sends the deadline as grpc-timeout and enforces it here too, so a server that ignores it
        // cannot hang the caller.
        var options = new CallOptions(deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken);
        try
        {
            using var call = invoke(client, options);
            return await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw GrpcStatusMapping.ToException(e, address, storing, cancellationToken);
        }
        finally
        {
            ownChannel?.Dispose();
        }
    }

    private SecretService.SecretServiceClient? GetCachedClient(Uri address)
    {
        var key = address.GetLeftPart(UriPartial.Path).TrimEnd('/');
        lock (_clients)
        {
            if (!_clients.TryGetValue(key, out var client) && _clients.Count < MaxCachedChannels)
            {
                client = new SecretService.SecretServiceClient(ServiceChannel.Create(address, httpClient, transport));
                _clients.Add(key, client);
            }

            return client;
        }
    }
}
