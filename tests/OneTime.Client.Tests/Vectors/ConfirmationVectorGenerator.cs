using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OneTime.Client.Internal.Confirmations;
using OneTime.Client.Internal.Envelope;

namespace OneTime.Client.Tests.Vectors;

/// Builds protos/testdata/confirmation-v1.json (protos/README.md "Read confirmations (format 1)") from fixed keys,
/// ids, notes and nonces; ConfirmationVectorFileTests fails when the two disagree and rewrites the file with
/// ONETIME_WRITE_VECTORS=1.
internal static class ConfirmationVectorGenerator
{
    public const string Id = VectorGenerator.Id; // bytes 0x00..0x0f
    public const string OtherId = "EBESExQVFhcYGRobHB0eHw"; // bytes 0x10..0x1f
    public const string Passphrase = "correct horse battery staple";

    public static readonly byte[] Key = VectorGenerator.Sequence(0x00, 32);
    public static readonly byte[] OtherKey = VectorGenerator.Sequence(0x40, 32);
    public static readonly byte[] Nonce = VectorGenerator.Sequence(0xc0, 12);

    // 196 ASCII bytes and a 4-byte emoji: exactly the 200-byte limit, as for request notes.
    private static readonly string LongestNote = RequestVectorGenerator.LongestNote;


    public static string Generate()
    {
        var document = new JsonObject
        {
            ["description"] = "OneTime read confirmations, format 1 (protos/README.md \"Read confirmations (format 1)\"). "
                + "K is the link's key; the confirmation key comes from K and the passphrase as the envelope's keys do. "
                + "Hex is lower-case. Every client's tests load this file.",
            ["generator"] = "tests/OneTime.Client.Tests/Vectors/ConfirmationVectorGenerator.cs; regenerate with "
                + "ONETIME_WRITE_VECTORS=1 dotnet test tests/OneTime.Client.Tests --filter VectorFile",
            ["positive"] = new JsonArray
            {
                Positive("no-note", Key, null, Id, null),
                Positive("note-ascii", Key, null, Id, "got it, rotating now"),
                Positive("note-non-ascii", OtherKey, null, OtherId, "erhalten — спасибо 🔑"),
                Positive("note-200-bytes", Key, null, Id, LongestNote),
                Positive("passphrase", Key, Passphrase, Id, "done"),
            },
            ["negative"] = Negatives(),
            ["rejected_notes"] = new JsonArray
            {
                Rejected("note-201-bytes", new string('x', 201)),
                Rejected("note-200-bytes-and-one", LongestNote + "!"),
                Rejected("note-lone-high-surrogate", "ok\ud83d"),
                Rejected("note-lone-low-surrogate", "\udc00ok"),
            },
        };
        return VectorGenerator.Format(document);
    }

    public static byte[] IdBytes(string id) => Base64Url.DecodeFromChars(id);

    private static JsonObject Positive(string name, byte[] key, string? passphrase, string id, string? note)
    {
        var keys = KeyDerivation.Derive(key, passphrase);
        var noteBytes = ReadConfirmation.CheckNote(note);
        var confirmation = ReadConfirmation.Seal(keys.ConfirmationKey, IdBytes(id), note, Nonce);
        return new JsonObject
        {
            ["name"] = name,
            ["input"] = new JsonObject
            {
                ["key_hex"] = Convert.ToHexStringLower(key),
                ["key_base64url"] = Base64Url.EncodeToString(key),
                ["passphrase"] = passphrase,
                ["id"] = id,
                ["id_hex"] = Convert.ToHexStringLower(IdBytes(id)),
                ["nonce_hex"] = Convert.ToHexStringLower(Nonce),
                ["note"] = note,
                ["note_utf8_hex"] = Convert.ToHexStringLower(noteBytes),
            },
            ["expected"] = new JsonObject
            {
                ["confirmation_key_hex"] = Convert.ToHexStringLower(keys.ConfirmationKey),
                ["auth_token_hex"] = Convert.ToHexStringLower(keys.AuthToken),
                ["padded_hex"] = Convert.ToHexStringLower(Padded(noteBytes, noteBytes.Length)),
                ["confirmation_hex"] = Convert.ToHexStringLower(confirmation),
                ["note"] = note ?? "",
            },
        };
    }

    private static JsonArray Negatives()
    {
        var keys = KeyDerivation.Derive(Key, null);
        var good = ReadConfirmation.Seal(keys.ConfirmationKey, IdBytes(Id), "got it", Nonce);
        var withPassphrase = ReadConfirmation.Seal(KeyDerivation.Derive(Key, Passphrase).ConfirmationKey, IdBytes(Id), "got it", Nonce);
        var otherKey = ReadConfirmation.Seal(KeyDerivation.Derive(OtherKey, null).ConfirmationKey, IdBytes(Id), "got it", Nonce);
        var otherId = ReadConfirmation.Seal(keys.ConfirmationKey, IdBytes(OtherId), "got it", Nonce);
        var note = Encoding.UTF8.GetBytes("got it");
        return
        [
            Negative("another-ids-confirmation", Key, null, otherId, "authentication_failed"),
            Negative("another-keys-confirmation", Key, null, otherKey, "authentication_failed"),
            Negative("missing-passphrase", Key, null, withPassphrase, "authentication_failed"),
            Negative("passphrase-not-used", Key, Passphrase, good, "authentication_failed"),
            Negative("changed-ciphertext-byte", Key, null, Flip(good, 13 + 5), "authentication_failed"),
            Negative("changed-tag-byte", Key, null, Flip(good, good.Length - 1), "authentication_failed"),
            Negative("changed-nonce-byte", Key, null, Flip(good, 1), "authentication_failed"),
            Negative("made-up", Key, null, [ReadConfirmation.Version, .. VectorGenerator.Sequence(0x33, ReadConfirmation.Size - 1)], "authentication_failed"),
            Negative("empty", Key, null, [], "wrong_length"),
            Negative("cut-short", Key, null, good[..^1], "wrong_length"),
            Negative("one-byte-more", Key, null, [.. good, 0], "wrong_length"),
            Negative("version-2", Key, null, [2, .. good[1..]], "unsupported_version"),
            Negative("version-0", Key, null, [0, .. good[1..]], "unsupported_version"),
            Negative("note-length-201", Key, null, SealRaw(keys.ConfirmationKey, Padded(new byte[201], 201)), "malformed_note"),
            Negative("note-length-65535", Key, null, SealRaw(keys.ConfirmationKey, Padded([], 0xffff)), "malformed_note"),
            Negative("padding-not-zero", Key, null, SealRaw(keys.ConfirmationKey, WithByte(Padded(note, note.Length), 255, 1)), "malformed_note"),
            Negative("note-not-utf8", Key, null, SealRaw(keys.ConfirmationKey, Padded([0x6f, 0x6b, 0xc3, 0x28], 4)), "malformed_note"),
        ];
    }

    // The plaintext as the format pads it, with a length prefix that may lie (for the malformed vectors).
    private static byte[] Padded(ReadOnlySpan<byte> note, int declaredLength)
    {
        var padded = new byte[ReadConfirmation.PaddedSize];
        BinaryPrimitives.WriteUInt16BigEndian(padded, (ushort)declaredLength);
        note[..Math.Min(note.Length, padded.Length - 2)].CopyTo(padded.AsSpan(2));
        return padded;
    }

    // A well-encrypted confirmation of any 256-byte plaintext, for id Id under the given key.
    private static byte[] SealRaw(byte[] confirmationKey, byte[] padded)
    {
        var confirmation = new byte[ReadConfirmation.Size];
        confirmation[0] = ReadConfirmation.Version;
        Nonce.CopyTo(confirmation, 1);
        using var aes = new AesGcm(confirmationKey, EnvelopeFormat.TagSize);
        aes.Encrypt(Nonce, padded, confirmation.AsSpan(13, ReadConfirmation.PaddedSize), confirmation.AsSpan(13 + ReadConfirmation.PaddedSize),
            [ReadConfirmation.Version, .. IdBytes(Id)]);
        return confirmation;
    }

    private static byte[] Flip(byte[] bytes, int index) => WithByte(bytes, index, (byte)(bytes[index] ^ 0x01));

    private static byte[] WithByte(byte[] bytes, int index, byte value)
    {
        var copy = bytes.ToArray();
        copy[index] = value;
        return copy;
    }

    private static JsonObject Negative(string name, byte[] key, string? passphrase, byte[] confirmation, string error) => new()
    {
        ["name"] = name,
        ["input"] = new JsonObject
        {
            ["key_hex"] = Convert.ToHexStringLower(key),
            ["passphrase"] = passphrase,
            ["id"] = Id,
        },
        ["confirmation_hex"] = Convert.ToHexStringLower(confirmation),
        ["error"] = error,
    };

    private static JsonObject Rejected(string name, string note) => new()
    {
        ["name"] = name,
        ["utf16_hex"] = string.Concat(note.Select(c => ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture))),
    };
}
