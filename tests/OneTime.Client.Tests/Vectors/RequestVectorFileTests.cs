using System.Buffers.Text;
using Google.Protobuf;
using OneTime.Client.Internal.Envelope;
using OneTime.Client.Internal.Links;
using OneTime.Client.Internal.Requests;

namespace OneTime.Client.Tests.Vectors;

public sealed class RequestVectorFileTests
{
    public static IEnumerable<object[]> RequestNames => RequestVectorFile.Names("requests");

    public static IEnumerable<object[]> ReplyNames => RequestVectorFile.Names("replies");

    public static IEnumerable<object[]> InvalidRequestLinks => RequestVectorFile.Links("invalid_request_links");

    public static IEnumerable<object[]> InvalidReplyLinks => RequestVectorFile.Links("invalid_reply_links");

    [Fact]
    public void RequestVectorFile_MatchesGenerator()
    {
        var generated = RequestVectorGenerator.Generate();
        if (Environment.GetEnvironmentVariable("ONETIME_WRITE_VECTORS") == "1")
        {
            File.WriteAllText(RequestVectorFile.RepositoryPath, generated);
            return;
        }

        Assert.Equal(generated, File.ReadAllText(RequestVectorFile.RepositoryPath));
    }

    [Theory]
    [MemberData(nameof(RequestNames))]
    public void RequestVector_FromPrivateKeyAndNote_MatchesExpected(string name)
    {
        var vector = RequestVectorFile.Find("requests", name);
        var input = vector.GetProperty("input");
        var expected = vector.GetProperty("expected");
        using var key = P256.FromPrivateScalar(input.Hex("requester_private_hex"));

        var link = new RequestLink(input.Text("base_url"), P256.PublicPoint(key), RequestLink.CheckNote(input.GetProperty("note").GetString()));

        Assert.Equal(expected.Text("requester_public_base64url"), Base64Url.EncodeToString(link.RequesterKey));
        Assert.Equal(expected.Text("fingerprint"), link.Fingerprint);
        Assert.Equal(expected.Text("key_id"), link.KeyId);
        Assert.Equal(expected.Text("request_link"), link.Format());
    }

    [Theory]
    [MemberData(nameof(RequestNames))]
    public void RequestVector_Link_ParsesBackToItsParts(string name)
    {
        var vector = RequestVectorFile.Find("requests", name);
        var expected = vector.GetProperty("expected");

        Assert.True(RequestLink.TryParse(expected.Text("request_link"), out var link));
        Assert.Equal(vector.GetProperty("input").Text("base_url"), link!.BaseUrl);
        Assert.Equal(vector.GetProperty("input").GetProperty("note").GetString(), link.Note);
        Assert.Equal(expected.Text("fingerprint"), link.Fingerprint);
        Assert.Equal(expected.Text("key_id"), link.KeyId);
        Assert.False(ReplyLink.TryParse(expected.Text("request_link"), out _));
        Assert.False(ParsedLink.TryParse(expected.Text("request_link"), out _));
    }

    [Theory]
    [MemberData(nameof(ReplyNames))]
    public void ReplyVector_SenderSide_MatchesExpected(string name)
    {
        var vector = RequestVectorFile.Find("replies", name);
        var input = vector.GetProperty("input");
        var expected = vector.GetProperty("expected");
        var requesterKey = Base64Url.DecodeFromChars(expected.Text("requester_public_base64url"));
        using var ephemeral = P256.FromPrivateScalar(input.Hex("ephemeral_private_hex"));

        var agreed = ReplyAgreement.ForSender(ephemeral, requesterKey);
        var keys = KeyDerivation.Derive(agreed.Key, passphrase: null);
        var payload = VectorFileTests.ReadPayload(input.GetProperty("payload")).ToByteArray();
        var blob = SecretEnvelope.Seal(payload, keys.EncryptionKey, input.Hex("nonce_hex"));
        var keyId = RequestDerivation.KeyId(requesterKey);

        Assert.Equal(requesterKey, RequestVectorGenerator.PublicPoint(input.Hex("requester_private_hex")));
        Assert.Equal(expected.Text("ephemeral_public_base64url"), Base64Url.EncodeToString(agreed.EphemeralKey));
        Assert.Equal(expected.Text("shared_secret_hex"), Convert.ToHexStringLower(agreed.SharedSecret));
        Assert.Equal(expected.Text("key_hex"), Convert.ToHexStringLower(agreed.Key));
        Assert.Equal(expected.Text("encryption_key_hex"), Convert.ToHexStringLower(keys.EncryptionKey));
        Assert.Equal(expected.Text("auth_token_hex"), Convert.ToHexStringLower(keys.AuthToken));
        Assert.Equal(expected.Text("blob_hex"), Convert.ToHexStringLower(blob));
        Assert.Equal(expected.Text("key_id"), keyId);
        Assert.Equal(expected.Text("reply_link"), new ReplyLink(input.Text("base_url"), input.Text("id"), agreed.EphemeralKey, keyId).Format());
    }

    [Theory]
    [MemberData(nameof(ReplyNames))]
    public void ReplyVector_RequesterSide_OpensTheBlob(string name)
    {
        var vector = RequestVectorFile.Find("replies", name);
        var input = vector.GetProperty("input");
        var expected = vector.GetProperty("expected");
        using var requester = P256.FromPrivateScalar(input.Hex("requester_private_hex"));

        Assert.True(ReplyLink.TryParse(expected.Text("reply_link"), out var link));
        var agreed = ReplyAgreement.ForRequester(requester, link!.EphemeralKey);
        var error = SecretCodec.TryOpen(expected.Hex("blob_hex"), KeyDerivation.Derive(agreed.Key, passphrase: null), out var secret);

        Assert.Equal(input.Text("id"), link.Id);
        Assert.Equal(input.Text("base_url"), link.BaseUrl);
        Assert.Equal(expected.Text("key_id"), link.KeyId);
        Assert.Equal(expected.Text("shared_secret_hex"), Convert.ToHexStringLower(agreed.SharedSecret));
        Assert.Equal(expected.Text("key_hex"), Convert.ToHexStringLower(agreed.Key));
        Assert.Equal(EnvelopeError.None, error);
        Assert.Equal(VectorFileTests.ReadPayload(input.GetProperty("payload")).ToByteArray(), PayloadConverter.ToPayload(secret!).ToByteArray());
        Assert.False(ParsedLink.TryParse(expected.Text("reply_link"), out _));
        Assert.False(RequestLink.TryParse(expected.Text("reply_link"), out _));
    }

    [Theory]
    [MemberData(nameof(InvalidRequestLinks))]
    public void InvalidRequestLink_IsRejected(string link, string why)
    {
        Assert.False(RequestLink.TryParse(link, out _), why);
    }

    [Theory]
    [MemberData(nameof(InvalidReplyLinks))]
    public void InvalidReplyLink_IsRejected(string link, string why)
    {
        Assert.False(ReplyLink.TryParse(link, out _), why);
    }

    [Fact]
    public void EnvelopeLinks_AreNeitherRequestsNorReplies()
    {
        foreach (var vector in VectorFile.Root.GetProperty("links").GetProperty("valid").EnumerateArray())
        {
            Assert.False(RequestLink.TryParse(vector.Text("link"), out _));
            Assert.False(ReplyLink.TryParse(vector.Text("link"), out _));
        }
    }

    [Fact]
    public void Note_Over200Bytes_IsRefusedWhenMakingARequest()
    {
        Assert.Throws<ArgumentException>(() => RequestLink.CheckNote(new string('x', 201)));
        Assert.Throws<ArgumentException>(() => RequestLink.CheckNote("a\ud800b"));
        Assert.Null(RequestLink.CheckNote(""));
    }
}
