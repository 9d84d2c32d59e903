using System.Buffers.Text;
using System.Text;
using OneTime.Client.Internal.Envelope;
using OneTime.Client.Internal.Links;

namespace OneTime.Client.Internal.Requests;

/// A request link: base-url "/r#" "1" "." requester-key [ "." note ] (protos/README.md "Request"). It holds only
/// public material: the requester's P-256 point R and what is asked.
internal sealed record RequestLink(string BaseUrl, byte[] RequesterKey, string? Note)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public byte[] NoteBytes => Note is null ? [] : StrictUtf8.GetBytes(Note);

    public string Fingerprint => RequestDerivation.Fingerprint(RequesterKey, NoteBytes);

    public string KeyId => RequestDerivation.KeyId(RequesterKey);

    public string Format()
    {
        var link = new StringBuilder(BaseUrl).Append('/').Append(RequestFormat.RequestPath).Append('#')
            .Append(RequestFormat.Version).Append(RequestFormat.Separator).Append(Base64Url.EncodeToString(RequesterKey));
        return Note is null ? link.ToString() : link.Append(RequestFormat.Separator).Append(Base64Url.EncodeToString(NoteBytes)).ToString();
    }

    /// An empty note is no note; text with an unpaired surrogate or over 200 UTF-8 bytes is refused.
    public static string? CheckNote(string? note)
    {
        if (string.IsNullOrEmpty(note))
        {
            return null;
        }

        WellFormedText.Require(note, "note", nameof(note));
        return StrictUtf8.GetByteCount(note) <= RequestFormat.MaxNoteBytes
            ? note
            : throw new ArgumentException($"The note is longer than {RequestFormat.MaxNoteBytes} bytes (UTF-8).", nameof(note));
    }

    /// Checks everything, the point on the curve included, so that an invalid link is refused before anything else.
    public static bool TryParse(string? link, out RequestLink? result)
    {
        result = null;
        if (!LinkParts.TrySplit(link, RequestFormat.RequestPath, out var baseUrl, out var fragment))
        {
            return false;
        }

        var parts = fragment.Split(RequestFormat.Separator);
        if (parts.Length is < 2 or > 3 || parts[0] != RequestFormat.Version || parts[1].Length != RequestFormat.PointLength
            || !CanonicalBase64Url.TryDecode(parts[1], out var point) || !P256.TryImportPublic(point, out var key))
        {
            return false;
        }

        key.Dispose();
        string? note = null;
        if (parts.Length == 3)
        {
            if (!CanonicalBase64Url.TryDecode(parts[2], out var noteBytes) || noteBytes.Length > RequestFormat.MaxNoteBytes)
            {
                return false;
            }

            try
            {
                note = StrictUtf8.GetString(noteBytes);
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        result = new RequestLink(baseUrl, point, note);
        return true;
    }
}
