using OneTime.Testing;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Redis;
using OneTime.Server.Tests.Infrastructure;

namespace OneTime.Server.Tests.Storage.Redis;

public sealed class RedisConnectionTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task ExecuteAsync_ManyConcurrentCallers_EachGetsItsOwnReply()
    {
        await using var connection = RedisStores.Connection(redis.Server.Url);

        var replies = await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => Task.Run(async () =>
        {
            var reply = await connection.ExecuteAsync([Ascii("ECHO"), Ascii($"message-{i}")], default);
            return (Expected: $"message-{i}", Actual: Encoding.ASCII.GetString(reply.Bulk!));
        })));

        Assert.All(replies, r => Assert.Equal(r.Expected, r.Actual));
    }

    [Fact]
    public async Task ExecuteAsync_ErrorReply_IsAResultAndTheConnectionLivesOn()
    {
        await using var connection = RedisStores.Connection(redis.Server.Url);

        var error = await connection.ExecuteAsync([Ascii("NOSUCHCOMMAND")], default);
        var pong = await connection.ExecuteAsync([RedisCommands.Ping], default);

        Assert.True(error.IsError);
        Assert.Equal("ERR", error.ErrorCode);
        Assert.Equal("PONG", pong.Text);
    }

    [Fact]
    public async Task ExecuteAsync_TimedOutCommand_KeepsItsSlotSoLaterRepliesStillMatch()
    {
        await using var connection = RedisStores.Connection(redis.Server.Url, commandTimeout: TimeSpan.FromSeconds(1));

        // BLPOP on an empty list answers (nil) after 1.5 s, past the 1 s command timeout; the ECHO queued behind
        // it then gets its own reply about 0.5 s later, within its own timeout.
        var slow = connection.ExecuteAsync([Ascii("BLPOP"), Ascii("onetime-test:empty"), Ascii("1.5")], default);
        var timedOut = await Assert.ThrowsAsync<StoreUnavailableException>(() => slow);
        var echo = await connection.ExecuteAsync([Ascii("ECHO"), Ascii("after")], default);

        Assert.Contains("did not answer within 1000 ms", timedOut.Message);
        Assert.Equal("after", Encoding.ASCII.GetString(echo.Bulk!));
    }

    [Fact]
    public async Task ExecuteAsync_CancelledCommand_KeepsItsSlotSoLaterRepliesStillMatch()
    {
        await using var connection = RedisStores.Connection(redis.Server.Url);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var slow = connection.ExecuteAsync([Ascii("BLPOP"), Ascii("onetime-test:empty"), Ascii("1.5")], cancellation.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        var echo = await connection.ExecuteAsync([Ascii("ECHO"), Ascii("after")], default);

        Assert.Equal("after", Encoding.ASCII.GetString(echo.Bulk!));
    }

    [Fact]
    public async Task ExecuteAsync_ServerSendsGarbage_FailsPendingAndRedialsNextTime()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var connection = RedisStores.Connection($"redis://127.0.0.1:{port}");
        var server = Task.Run(async () =>
        {
            for (var accepted = 0; accepted < 2; accepted++)
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                await stream.ReadExactlyAsync(new byte[14]); // "*1\r\n$4\r\nPING\r\n"
                await stream.WriteAsync(accepted == 0 ? "!garbage\r\n"u8.ToArray() : "+PONG\r\n"u8.ToArray());
                await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false); // hold the socket until the client closes it
            }
        });

        var burned = await Assert.ThrowsAsync<StoreUnavailableException>(() => connection.ExecuteAsync([RedisCommands.Ping], default));
        var pong = await connection.ExecuteAsync([RedisCommands.Ping], default);

        Assert.IsType<RespProtocolException>(burned.InnerException);
        Assert.Equal("PONG", pong.Text);
        await connection.DisposeAsync();
        await server.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ExecuteAsync_ServerGoesSilent_BurnsTheSocketAfterTwoTimeoutsAndRedials()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var timeout = TimeSpan.FromMilliseconds(200);
        await using var connection = RedisStores.Connection($"redis://127.0.0.1:{port}", commandTimeout: timeout);
        var server = Task.Run(async () =>
        {
            using var silent = await listener.AcceptTcpClientAsync(); // reads, never answers
            using var healthy = await listener.AcceptTcpClientAsync();
            var stream = healthy.GetStream();
            await stream.ReadExactlyAsync(new byte[14]); // "*1\r\n$4\r\nPING\r\n"
            await stream.WriteAsync("+PONG\r\n"u8.ToArray());
            await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false);
        });

        // A kept socket would time out forever; a burned one is redialed and reaches the healthy listener.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => connection.ExecuteAsync([RedisCommands.Ping], default));
        RespValue? pong = null;
        for (var attempt = 0; attempt < 5 && pong is null; attempt++)
        {
            try
            {
                pong = await connection.ExecuteAsync([RedisCommands.Ping], default);
            }
            catch (StoreUnavailableException)
            {
                await Task.Delay(timeout);
            }
        }

        Assert.Equal("PONG", pong?.Text);
        await connection.DisposeAsync();
        await server.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ExecuteAsync_WhileBackingOff_FailsFastWithoutDialing()
    {
        await using var stopped = await RedisServer.StartNewAsync();
        await stopped.StopAsync();
        await using var connection = RedisStores.Connection(stopped.Url);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => connection.ExecuteAsync([RedisCommands.Ping], default));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => connection.ExecuteAsync([RedisCommands.Ping], default));

        Assert.Contains("next connection attempt", error.Message);
    }

    private static ReadOnlyMemory<byte> Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
