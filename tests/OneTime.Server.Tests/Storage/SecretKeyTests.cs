using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using OneTime.Server.Storage;

namespace OneTime.Server.Tests.Storage;

public sealed class SecretKeyTests
{
    private static readonly byte[] Id = [.. Enumerable.Range(0, SecretKey.IdSize).Select(i => (byte)(0xF0 + i))];
    private static readonly byte[] Token = [.. Enumerable.Range(0, SecretKey.AuthTokenSize).Select(i => (byte)(255 - i))];

    [Fact]
    public void FormatUtf8_IsIdDotTokenDigest_InBase64Url()
    {
        // The text form names secrets already in Redis: it must never change. Computed here the long way.
        var expected = $"{Base64Url.EncodeToString(Id)}.{Base64Url.EncodeToString(SHA256.HashData(Token))}";
        var key = SecretKey.Create(Id, Token);
        var text = new byte[SecretKey.TextLength];

        var written = key.FormatUtf8(text);

        Assert.Equal(SecretKey.TextLength, written);
        Assert.Equal(expected, Encoding.ASCII.GetString(text));
        Assert.Matches("^[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}$", expected);
    }

    [Fact]
    public void Equals_SameIdAndToken_EqualWithSameHash()
    {
        var a = SecretKey.Create(Id, Token);
        var b = SecretKey.Create([.. Id], [.. Token]);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SecretKey.IdSize - 1)]
    public void Equals_IdDiffersInOneByte_NotEqual(int index)
    {
        var other = Id.ToArray();
        other[index] ^= 1;

        Assert.NotEqual(SecretKey.Create(Id, Token), SecretKey.Create(other, Token));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SecretKey.AuthTokenSize - 1)]
    public void Equals_TokenDiffersInOneByte_NotEqual(int index)
    {
        var other = Token.ToArray();
        other[index] ^= 1;

        Assert.True(SecretKey.Create(Id, Token) != SecretKey.Create(Id, other));
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        var key = SecretKey.Create(Id, Token);

        Assert.Equal("SecretKey(redacted)", key.ToString());
        Assert.Equal("SecretKey(redacted)", $"{key}");
    }

    [Theory]
    [InlineData(SecretKey.IdSize - 1, SecretKey.AuthTokenSize)]
    [InlineData(SecretKey.IdSize, SecretKey.AuthTokenSize + 1)]
    public void Create_WrongSizes_Throws(int idSize, int tokenSize)
    {
        Assert.Throws<ArgumentException>(() => SecretKey.Create(new byte[idSize], new byte[tokenSize]));
    }

    /// <summary>The entry's key as Redis sees it after the prefix (the id), for tests that talk to Redis directly.</summary>
    internal static string IdText(SecretKey key)
    {
        var text = new byte[SecretKey.IdTextLength];
        key.FormatIdUtf8(text);
        return Encoding.ASCII.GetString(text);
    }

    /// <summary>The key of a secret stored by an earlier version, after the prefix: <c>{id}.{digest}</c>.</summary>
    internal static string Text(SecretKey key)
    {
        var text = new byte[SecretKey.TextLength];
        key.FormatUtf8(text);
        return Encoding.ASCII.GetString(text);
    }
}
