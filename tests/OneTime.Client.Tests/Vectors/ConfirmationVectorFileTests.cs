using System.Text.Json;
using OneTime.Client.Internal.Confirmations;
using OneTime.Client.Internal.Envelope;

namespace OneTime.Client.Tests.Vectors;

public sealed class ConfirmationVectorFileTests
{
    private const string FileName = "confirmation-v1.json";

    private static string RepositoryPath => Path.Combine(Path.GetDirectoryName(VectorFile.RepositoryPath)!, FileName);

    private static readonly Lazy<JsonDocument> Document =
        new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", FileName))));

    private static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<object[]> PositiveNames => Names("positive");

    public static IEnumerable<object[]> NegativeNames => Names("negative");

    [Fact]
    public void ConfirmationVectorFile_MatchesGenerator()
    {
        var generated = ConfirmationVectorGenerator.Generate();
        if (Environment.GetEnvironmentVariable("ONETIME_WRITE_VECTORS") == "1")
        {
            File.WriteAllText(RepositoryPath, generated);
            return;
        }

        Assert.Equal(generated, File.ReadAllText(RepositoryPath));
    }

    [Theory]
    [MemberData(nameof(PositiveNames))]
    public void Positive_SealedWithTheFixedNonce_MatchesExpected(string name)
    {
        var vector = Find("positive", name);
        var input = vector.GetProperty("input");
        var expected = vector.GetProperty("expected");
        var keys = KeyDerivation.Derive(input.Hex("key_hex"), input.GetProperty("passphrase").GetString());

        var confirmation = ReadConfirmation.Seal(keys.ConfirmationKey, input.Hex("id_hex"), input.GetProperty("note").GetString(), input.Hex("nonce_hex"));

        Assert.Equal(expected.Text("confirmation_key_hex"), Convert.ToHexStringLower(keys.ConfirmationKey));
        Assert.Equal(expected.Text("auth_token_hex"), Convert.ToHexStringLower(keys.AuthToken));
        Assert.Equal(expected.Text("confirmation_hex"), Convert.ToHexStringLower(confirmation));
        Assert.Equal(ReadConfirmation.Size, confirmation.Length);
    }

    [Theory]
    [MemberData(nameof(PositiveNames))]
    public void Positive_Opens_ToTheNote(string name)
    {
        var vector = Find("positive", name);
        var input = vector.GetProperty("input");
        var keys = KeyDerivation.Derive(input.Hex("key_hex"), input.GetProperty("passphrase").GetString());

        var error = ReadConfirmation.TryOpen(vector.GetProperty("expected").Hex("confirmation_hex"), keys.ConfirmationKey, input.Hex("id_hex"), out var note);

        Assert.Equal(ConfirmationError.None, error);
        Assert.Equal(vector.GetProperty("expected").Text("note"), note);
    }

    [Theory]
    [MemberData(nameof(NegativeNames))]
    public void Negative_DoesNotOpen_WithTheNamedError(string name)
    {
        var vector = Find("negative", name);
        var input = vector.GetProperty("input");
        var keys = KeyDerivation.Derive(input.Hex("key_hex"), input.GetProperty("passphrase").GetString());

        var error = ReadConfirmation.TryOpen(vector.Hex("confirmation_hex"), keys.ConfirmationKey, ConfirmationVectorGenerator.IdBytes(input.Text("id")), out var note);

        Assert.Equal(vector.Text("error"), ErrorName(error));
        Assert.Equal("", note);
    }

    [Fact]
    public void RejectedNotes_AreRefusedBeforeSealing()
    {
        foreach (var vector in Root.GetProperty("rejected_notes").EnumerateArray())
        {
            var hex = vector.Text("utf16_hex");
            var note = new string(Enumerable.Range(0, hex.Length / 4).Select(i => (char)Convert.ToUInt16(hex.Substring(4 * i, 4), 16)).ToArray());

            Assert.Throws<ArgumentException>(() => ReadConfirmation.Seal(new byte[32], new byte[16], note));
        }
    }

    private static string ErrorName(ConfirmationError error) => error switch
    {
        ConfirmationError.WrongLength => "wrong_length",
        ConfirmationError.UnsupportedVersion => "unsupported_version",
        ConfirmationError.AuthenticationFailed => "authentication_failed",
        ConfirmationError.MalformedNote => "malformed_note",
        _ => error.ToString(),
    };

    private static IEnumerable<object[]> Names(string section) =>
        Root.GetProperty(section).EnumerateArray().Select(e => new object[] { e.GetProperty("name").GetString()! });

    private static JsonElement Find(string section, string name) =>
        Root.GetProperty(section).EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
}
