using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace OneTime.Server.Storage.Redis;

/// <summary>Opens the socket (and TLS for rediss://) and logs in: AUTH, then SELECT when the database is not 0.</summary>
internal static class RedisDialer
{
    public static async Task<RedisSession> ConnectAsync(
        RedisConnectionOptions options, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        var endpoint = options.Endpoint;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);

        RedisSession? session = null;
        try
        {
            var stream = await OpenStreamAsync(options, timeout.Token).ConfigureAwait(false);
            session = new RedisSession(stream, options, timeProvider, logger);
            await HandshakeAsync(session, endpoint, timeout.Token).ConfigureAwait(false);
            return session;
        }
        catch (Exception exception)
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw exception switch
            {
                StoreUnavailableException unavailable => unavailable,
                OperationCanceledException => new StoreUnavailableException(
                    $"Could not connect to Redis at {endpoint.Address} within {options.ConnectTimeout.TotalMilliseconds:0} ms."),
                _ => new StoreUnavailableException($"Could not connect to Redis at {endpoint.Address}: {exception.Message}", exception),
            };
        }
    }

    private static async Task<Stream> OpenStreamAsync(RedisConnectionOptions options, CancellationToken cancellationToken)
    {
        var endpoint = options.Endpoint;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        return endpoint.UseTls ? await AuthenticateAsync(stream, options, cancellationToken).ConfigureAwait(false) : stream;
    }

    // The only method that names the TLS types, so that a plain connection never loads System.Net.Security.
    private static async Task<Stream> AuthenticateAsync(Stream stream, RedisConnectionOptions options, CancellationToken cancellationToken)
    {
        var endpoint = options.Endpoint;
        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = endpoint.Host,
                RemoteCertificateValidationCallback = options.CertificateValidation,
            }, cancellationToken)
                .ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // AUTH [username] password (https://redis.io/docs/latest/commands/auth/), then SELECT index.
    private static async Task HandshakeAsync(RedisSession session, RedisEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (endpoint.Password is { } password)
        {
            RespArgument[] auth = endpoint.User is { } user
                ? [RedisCommands.Auth, RedisCommands.Utf8(user), RedisCommands.Utf8(password)]
                : [RedisCommands.Auth, RedisCommands.Utf8(password)];
            var reply = await session.ExecuteAsync(auth, cancellationToken).ConfigureAwait(false);
            if (reply.IsError)
            {
                // Only the error code: the message is Redis's, but it is no place to risk echoing credentials.
                throw new StoreUnavailableException(
                    $"Redis at {endpoint.Address} refused the credentials in OneTime:Redis:Url ({reply.ErrorCode}).");
            }
        }

        if (endpoint.Database != 0)
        {
            var reply = await session.ExecuteAsync([RedisCommands.Select, RespArgument.Number(endpoint.Database)], cancellationToken)
                .ConfigureAwait(false);
            if (reply.IsError)
            {
                throw new StoreUnavailableException(
                    $"Redis at {endpoint.Address} refused to select database {endpoint.Database}: {reply.Text}");
            }
        }
    }
}
