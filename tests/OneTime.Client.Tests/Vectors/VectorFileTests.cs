using System.Security.Cryptography;
using System.Text.Json;
using Google.Protobuf;
using OneTime.Client.Internal.Envelope;
using OneTime.Client.Internal.Links;
using OneTime.V1;

namespace OneTime.Client.Tests.Vectors;

public sealed class VectorFileTests
{
    public static IEnumerable<object[]> PositiveNames => VectorFile.Names("positive");

    public static IEnumerable<object[]> NegativeNames => VectorFile.Names("negative");

    [Fact]
    public void VectorFile_MatchesGenerator()
    {
        var generated = VectorGenerator.Generate();
        if (Environment.GetEnvironmentVariable("ONETIME_WRITE_VECTORS") == "1")
        {
            File.WriteAllText(VectorFile.RepositoryPath, generated);
            return;
        }

        Assert.Equal(generated, File.ReadAllText(VectorFile.RepositoryPath));
    }

    [Theory]
    [MemberData(nameof(PositiveNames))]
    public void PositiveVector_DeriveAndSeal_MatchesExpected(string name)
    {
        var vector = VectorFile.Find("positive", name);
        var input = vector.GetProperty("input");
        var expected = vector.GetProperty("expected");
        var key = Convert.FromHexString(input.GetProperty("key_hex").GetString()!);
        var passphrase = input.GetProperty("passphrase").GetString();

        var payload = ReadPayload(input.GetProperty("payload")).ToByteArray();
        var keys = KeyDerivation.Derive(key, passphrase);
        var blob = SecretEnvelope.Seal(payload, keys.EncryptionKey, Convert.FromHexString(input.GetProperty("nonce_hex").GetString()!));
        var fragment = new LinkFragment(input.GetProperty("id").GetString()!, key, passphrase is not null);

        Assert.Equal(expected.GetProperty("payload_sha256_hex").GetString(), Convert.ToHexStringLower(SHA256.HashData(payload)));
        if (expected.GetProperty("payload_hex").GetString() is { } payloadHex)
        {
            Assert.Equal(payloadHex, Convert.ToHexStringLower(payload));
        }

        Assert.Equal(expected.GetProperty("encryption_key_hex").GetString(), Convert.ToHexStringLower(keys.EncryptionKey));
        Assert.Equal(expected.GetProperty("auth_token_hex").GetString(), Convert.ToHexStringLower(keys.AuthToken));
        Assert.Equal(expected.GetProperty("blob_length").GetInt32(), blob.Length);
        Assert.Equal(expected.GetProperty("blob_sha256_hex").GetString(), Convert.ToHexStringLower(SHA256.HashData(blob)));
        Assert.Equal(expected.GetProperty("fragment").GetString(), fragment.Format());
        Assert.Equal(expected.GetProperty("link").GetString(), ParsedLink.Build(new Uri(input.GetProperty("base_url").GetString()!), fragment).OriginalString);
        if (expected.GetProperty("blob_hex").GetString() is { } blobHex)
        {
            Assert.Equal(blobHex, Convert.ToHexStringLower(blob));
            Assert.Equal(expected.GetProperty("blob_base64").GetString(), Convert.ToBase64String(blob));
        }
    }

    [Theory]
    [MemberData(nameof(PositiveNames))]
    public void PositiveVector_Open_ReturnsPayload(string name)
    {
        var vector = VectorFile.Find("positive", name);
        var input = vector.GetProperty("input");
        var key = Convert.FromHexString(input.GetProperty("key_hex").GetString()!);
        var keys = KeyDerivation.Derive(key, input.GetProperty("passphrase").GetString());
        var payload = ReadPayload(input.GetProperty("payload")).ToByteArray();
        var blob = SecretEnvelope.Seal(payload, keys.EncryptionKey, Convert.FromHexString(input.GetProperty("nonce_hex").GetString()!));

        var error = SecretEnvelope.TryOpen(blob, keys.EncryptionKey, out var opened);

        Assert.Equal(EnvelopeError.None, error);
        Assert.Equal(payload, opened);
    }

    [Theory]
    [MemberData(nameof(NegativeNames))]
    public void NegativeVector_Open_FailsWithExpectedError(string name)
    {
        var vector = VectorFile.Find("negative", name);
        var key = Convert.FromHexString(vector.GetProperty("key_hex").GetString()!);
        var keys = KeyDerivation.Derive(key, vector.GetProperty("passphrase").GetString());
        var blob = Convert.FromHexString(vector.GetProperty("blob_hex").GetString()!);

        var error = SecretCodec.TryOpen(blob, keys, out _);

        Assert.Equal(vector.GetProperty("auth_token_hex").GetString(), Convert.ToHexStringLower(keys.AuthToken));
        Assert.Equal(vector.GetProperty("error").GetString(), JsonNamingPolicy.SnakeCaseLower.ConvertName(error.ToString()));
    }

    [Fact]
    public void PassphraseVectors_NfdAndNfc_DeriveTheSameToken()
    {
        var nfc = VectorFile.Find("positive", "text-passphrase-nfc").GetProperty("expected");
        var nfd = VectorFile.Find("positive", "text-passphrase-nfd").GetProperty("expected");

        Assert.Equal(nfc.GetProperty("auth_token_hex").GetString(), nfd.GetProperty("auth_token_hex").GetString());
        Assert.Equal(nfc.GetProperty("blob_hex").GetString(), nfd.GetProperty("blob_hex").GetString());
    }

    [Fact]
    public void TextVectors_6And40Chars_HaveTheSameBlobLength()
    {
        var shortText = VectorFile.Find("positive", "text").GetProperty("expected").GetProperty("blob_length").GetInt32();
        var longText = VectorFile.Find("positive", "text-40-chars-same-bucket").GetProperty("expected").GetProperty("blob_length").GetInt32();

        Assert.Equal(shortText, longText);
    }

    [Fact]
    public void LinkVectors_Valid_Parse()
    {
        foreach (var vector in VectorFile.Root.GetProperty("links").GetProperty("valid").EnumerateArray())
        {
            Assert.True(ParsedLink.TryParse(vector.GetProperty("link").GetString(), out var link));
            Assert.Equal(vector.GetProperty("base_url").GetString(), ParsedLink.TrimBase(link!.BaseAddress));
            Assert.Equal(vector.GetProperty("id").GetString(), link.Fragment.Id);
            Assert.Equal(vector.GetProperty("key_hex").GetString(), Convert.ToHexStringLower(link.Fragment.Key));
            Assert.Equal(vector.GetProperty("passphrase_required").GetBoolean(), link.Fragment.PassphraseRequired);
        }
    }

    [Fact]
    public void LinkVectors_Invalid_DoNotParse()
    {
        foreach (var vector in VectorFile.Root.GetProperty("links").GetProperty("invalid").EnumerateArray())
        {
            Assert.False(ParsedLink.TryParse(vector.GetString(), out _), vector.GetString());
        }
    }

    [Fact]
    public void RejectedInputs_AreRefusedBeforeAnythingIsDerivedOrSent()
    {
        foreach (var vector in VectorFile.Root.GetProperty("rejected_inputs").EnumerateArray())
        {
            var hex = vector.GetProperty("utf16_hex").GetString()!;
            var value = new string(Enumerable.Range(0, hex.Length / 4).Select(i => (char)Convert.ToUInt16(hex.Substring(4 * i, 4), 16)).ToArray());
            Action act = vector.GetProperty("field").GetString() switch
            {
                "passphrase" => () => KeyDerivation.Derive(new byte[32], value),
                "text" => () => OneTimeSecret.FromText(value),
                "file_name" => () => OneTimeSecret.FromFile(new byte[1], value),
                var other => throw new InvalidOperationException("Unknown field " + other),
            };

            Assert.Throws<ArgumentException>(act);
        }
    }

    [Fact]
    public void FileNames_SenderKeepsTheLastComponent()
    {
        foreach (var vector in VectorFile.Root.GetProperty("file_names").EnumerateArray())
        {
            var secret = OneTimeSecret.FromFile(new byte[1], vector.GetProperty("given").GetString());

            Assert.Equal(vector.GetProperty("sent").GetString(), secret.FileName);
        }
    }

    internal static Payload ReadPayload(JsonElement json)
    {
        if (json.TryGetProperty("text", out var text))
        {
            return new Payload { Text = text.GetString() };
        }

        var file = json.GetProperty("file");
        var length = file.GetProperty("data_length").GetInt32();
        var data = file.GetProperty("data_hex").GetString() is { } hex
            ? Convert.FromHexString(hex)
            : Enumerable.Range(0, length).Select(i => (byte)(0x80 + i)).ToArray();
        return new Payload
        {
            File = new FileContent
            {
                Name = file.GetProperty("name").GetString(),
                MediaType = file.GetProperty("media_type").GetString(),
                Data = ByteString.CopyFrom(data),
            },
        };
    }
}
