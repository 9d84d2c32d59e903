using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using OneTime.Client.Internal.Envelope;
using OneTime.Client.Internal.Requests;

namespace OneTime.Client.Internal.Confirmations;

/// <summary>
/// The reader's proof of a read (protos/README.md "Read confirmations (format 1)"):
/// <c>version || nonce || AES-256-GCM(confirmation_key, padded note, aad = version || id bytes) || tag</c>, 285 bytes.
/// The key comes from K and the passphrase, which the server never has, so it can keep a confirmation but not make,
/// change or move one; the id in the associated data ties it to one secret.
/// </summary>
internal static class ReadConfirmation
{
    public const byte Version = 1;
    public const int MaxNoteBytes = RequestFormat.MaxNoteBytes; // one limit for every note a client seals
    public const int PaddedSize = 256; // one size for every note, so the server does not learn its length
    public const int IdSize = 16;
    public const int Size = 1 + EnvelopeFormat.NonceSize + PaddedSize + EnvelopeFormat.TagSize; // 285

    private const int LengthPrefixSize = 2; // uint16 big-endian
    private const int HeaderSize = 1 + EnvelopeFormat.NonceSize;

    /// The note as it will be sealed: null or empty for none; refused (ArgumentException) as a request's note is, over
    /// 200 UTF-8 bytes or with an unpaired surrogate. Taken as typed: no normalization, no trimming.
    public static byte[] CheckNote(string? note) => RequestLink.CheckNote(note) is { } text ? Encoding.UTF8.GetBytes(text) : [];

    /// id_bytes: the 16 bytes a link's 22-character id spells (base64url without padding).
    public static byte[] IdBytes(string id) => Base64Url.DecodeFromChars(id);

    public static byte[] Seal(ReadOnlySpan<byte> confirmationKey, ReadOnlySpan<byte> id, string? note)
    {
        Span<byte> nonce = stackalloc byte[EnvelopeFormat.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        return Seal(confirmationKey, id, note, nonce);
    }

    /// Fixed-nonce form for the test vectors only; a nonce must never repeat under one key.
    public static byte[] Seal(ReadOnlySpan<byte> confirmationKey, ReadOnlySpan<byte> id, string? note, ReadOnlySpan<byte> nonce)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(id.Length, IdSize, nameof(id));
        var padded = Pad(CheckNote(note));
        var confirmation = new byte[Size];
        confirmation[0] = Version;
        nonce.CopyTo(confirmation.AsSpan(1, EnvelopeFormat.NonceSize));
        using var aes = new AesGcm(confirmationKey, EnvelopeFormat.TagSize);
        aes.Encrypt(
            nonce,
            padded,
            confirmation.AsSpan(HeaderSize, PaddedSize),
            confirmation.AsSpan(HeaderSize + PaddedSize),
            AssociatedData(id));
        return confirmation;
    }

    /// Opens a confirmation against the sender's own link: the note (empty for none) when it verifies.
    public static ConfirmationError TryOpen(ReadOnlySpan<byte> confirmation, ReadOnlySpan<byte> confirmationKey, ReadOnlySpan<byte> id, out string note)
    {
        note = "";
        if (confirmation.Length != Size)
        {
            return ConfirmationError.WrongLength;
        }

        if (confirmation[0] != Version)
        {
            return ConfirmationError.UnsupportedVersion;
        }

        Span<byte> padded = stackalloc byte[PaddedSize];
        try
        {
            using var aes = new AesGcm(confirmationKey, EnvelopeFormat.TagSize);
            aes.Decrypt(
                confirmation.Slice(1, EnvelopeFormat.NonceSize),
                confirmation.Slice(HeaderSize, PaddedSize),
                confirmation[(HeaderSize + PaddedSize)..],
                padded,
                AssociatedData(id));
        }
        catch (AuthenticationTagMismatchException)
        {
            return ConfirmationError.AuthenticationFailed;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(padded);
        if (length > MaxNoteBytes || padded[(LengthPrefixSize + length)..].ContainsAnyExcept((byte)0))
        {
            return ConfirmationError.MalformedNote;
        }

        var text = padded.Slice(LengthPrefixSize, length);
        if (!System.Text.Unicode.Utf8.IsValid(text))
        {
            return ConfirmationError.MalformedNote;
        }

        note = Encoding.UTF8.GetString(text);
        return ConfirmationError.None;
    }

    // uint16 big-endian length || note || zero bytes up to 256.
    private static byte[] Pad(ReadOnlySpan<byte> note)
    {
        var padded = new byte[PaddedSize];
        BinaryPrimitives.WriteUInt16BigEndian(padded, (ushort)note.Length);
        note.CopyTo(padded.AsSpan(LengthPrefixSize));
        return padded;
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> id)
    {
        var aad = new byte[1 + IdSize];
        aad[0] = Version;
        id.CopyTo(aad.AsSpan(1));
        return aad;
    }
}
