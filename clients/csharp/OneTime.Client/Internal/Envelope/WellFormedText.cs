using System.Text;

namespace OneTime.Client.Internal.Envelope;

/// Text the envelope carries must survive UTF-8 both ways (protos/README.md "Text"): protobuf strings are UTF-8,
/// and the usual encoders replace an unpaired surrogate with U+FFFD without a word, which would send, or derive a
/// key from, something other than what was given. So such text is refused, and a received text field that is not
/// valid UTF-8 is malformed rather than repaired.
internal static class WellFormedText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsWellFormed(string text)
    {
        try
        {
            Strict.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    public static string Require(string text, string what, string parameterName) =>
        IsWellFormed(text) ? text : throw new ArgumentException($"The {what} contains an unpaired UTF-16 surrogate, which UTF-8 cannot carry.", parameterName);

    /// True when every occurrence of the Payload's text field (1, length-delimited) holds valid UTF-8. Checked on the
    /// wire bytes because protobuf runtimes decode strings leniently.
    public static bool TextFieldIsUtf8(ReadOnlySpan<byte> payload)
    {
        while (!payload.IsEmpty)
        {
            if (!TryReadVarint(ref payload, out var tag))
            {
                return false;
            }

            switch (tag & 7)
            {
                case 0 when TryReadVarint(ref payload, out _):
                    break;
                case 1 when payload.Length >= 8:
                    payload = payload[8..];
                    break;
                case 5 when payload.Length >= 4:
                    payload = payload[4..];
                    break;
                case 2 when TryReadVarint(ref payload, out var length) && length <= (ulong)payload.Length:
                    if (tag >> 3 == 1 && !System.Text.Unicode.Utf8.IsValid(payload[..(int)length]))
                    {
                        return false;
                    }

                    payload = payload[(int)length..];
                    break;
                default:
                    return false; // groups or a cut-off field: the protobuf parser rejects these anyway
            }
        }

        return true;
    }

    private static bool TryReadVarint(ref ReadOnlySpan<byte> bytes, out ulong value)
    {
        value = 0;
        for (var i = 0; i < 10 && i < bytes.Length; i++)
        {
            value |= (ulong)(bytes[i] & 0x7F) << (7 * i);
            if (bytes[i] < 0x80)
            {
                bytes = bytes[(i + 1)..];
                return true;
            }
        }

        return false;
    }
}
