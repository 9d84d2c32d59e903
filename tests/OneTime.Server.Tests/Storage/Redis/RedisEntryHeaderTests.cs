using System.Buffers.Binary;
using OneTime.Server.Storage.Redis;

namespace OneTime.Server.Tests.Storage.Redis;

/// <summary>
/// Reading a header the store did not write (found by tests/fuzz, redis-entry; inputs in
/// tests/fuzz/regressions/redis-entry): the reads answer, they do not throw or count views below zero.
/// </summary>
public sealed class RedisEntryHeaderTests
{
    [Fact]
    public void ViewsLeft_CountPastIntMaxValue_ReadsAsIntMaxValue()
    {
        var header = Header(views: 0xFFF9_0000, readAt: 0);

        Assert.Equal(int.MaxValue, RedisEntry.ViewsLeft(header));
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(-62_135_596_800_001)] // a millisecond before 0001-01-01
    public void ReadAt_TimeNoDateTimeOffsetHolds_IsNull(long milliseconds)
    {
        Assert.Null(RedisEntry.ReadAt(Header(views: 1, readAt: milliseconds)));
    }

    [Fact]
    public void ReadAt_HeaderCutShort_IsNull()
    {
        // Matches lets an entry through once it holds the counts; the read time would be past its end.
        var header = Header(views: 1, readAt: 1)[..(RedisEntry.HeaderSize - 3)];

        Assert.True(RedisEntry.Matches(header, header.AsSpan(RedisEntry.DigestOffset, RedisEntry.DigestSize)));
        Assert.Null(RedisEntry.ReadAt(header));
    }

    [Fact]
    public void ReadAt_TimeInRange_IsThatTime()
    {
        var time = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

        Assert.Equal(time, RedisEntry.ReadAt(Header(views: 0, readAt: time.ToUnixTimeMilliseconds())));
    }

    private static byte[] Header(uint views, long readAt)
    {
        var header = new byte[RedisEntry.HeaderSize];
        header[0] = RedisEntry.Format;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(RedisEntry.ViewsOffset), views);
        BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(RedisEntry.ReadAtOffset), readAt);
        return header;
    }
}
