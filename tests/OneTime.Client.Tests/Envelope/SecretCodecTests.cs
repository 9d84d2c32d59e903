using OneTime.Client.Internal.Envelope;

namespace OneTime.Client.Tests.Envelope;

public sealed class SecretCodecTests
{
    [Fact]
    public void Seal_ThenOpen_WithPassphrase_ReturnsText()
    {
        var sealedSecret = SecretCodec.Seal(OneTimeSecret.FromText("sk_live_abc123"), "Ångström");

        var secret = SecretCodec.Open(sealedSecret.Blob, KeyDerivation.Derive(sealedSecret.Key, "A\u030angstro\u0308m"));

        Assert.Equal("sk_live_abc123", secret.Text);
    }

    [Fact]
    public void Seal_ThenOpen_File_KeepsNameMediaTypeAndBytes()
    {
        var data = new byte[] { 0, 255, 10, 13 };
        var sealedSecret = SecretCodec.Seal(OneTimeSecret.FromFile(data, "/etc/secret.key", "application/x-pem-file"), null);

        var secret = SecretCodec.Open(sealedSecret.Blob, KeyDerivation.Derive(sealedSecret.Key, null));

        Assert.True(secret.IsFile);
        Assert.Equal("secret.key", secret.FileName); // directories are never part of the name
        Assert.Equal("application/x-pem-file", secret.MediaType);
        Assert.Equal(data, secret.Content.ToArray());
    }

    [Fact]
    public void Seal_TwiceSameText_DifferentKeysTokensAndBlobs()
    {
        var a = SecretCodec.Seal(OneTimeSecret.FromText("same"), null);
        var b = SecretCodec.Seal(OneTimeSecret.FromText("same"), null);

        Assert.NotEqual(a.Key, b.Key);
        Assert.NotEqual(a.AuthToken, b.AuthToken);
        Assert.NotEqual(a.Blob, b.Blob);
    }

    [Fact]
    public void Open_WrongPassphrase_ThrowsDecryption()
    {
        var sealedSecret = SecretCodec.Seal(OneTimeSecret.FromText("x"), "right");

        Assert.Throws<SecretDecryptionException>(() => SecretCodec.Open(sealedSecret.Blob, KeyDerivation.Derive(sealedSecret.Key, "wrong")));
    }

    [Fact]
    public void Derive_WithAndWithoutPassphrase_DifferentTokens()
    {
        var key = new byte[32];

        Assert.NotEqual(KeyDerivation.Derive(key, null).AuthToken, KeyDerivation.Derive(key, "p").AuthToken);
    }

    [Fact]
    public void Derive_EmptyPassphrase_Throws()
    {
        Assert.Throws<ArgumentException>(() => KeyDerivation.Derive(new byte[32], ""));
    }
}
