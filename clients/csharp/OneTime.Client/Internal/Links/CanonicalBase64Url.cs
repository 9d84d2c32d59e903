using System.Buffers.Text;

namespace OneTime.Client.Internal.Links;

/// base64url without padding, in its one canonical spelling: only the alphabet (the decoder would skip
/// whitespace and accept "="), and spare low bits zero, so that one value has one link.
internal static class CanonicalBase64Url
{
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.IsEmpty || !IsAlphabet(text) || !Base64Url.IsValid(text))
        {
            return false;
        }

        var decoded = Base64Url.DecodeFromChars(text);
        if (!text.SequenceEqual(Base64Url.EncodeToString(decoded)))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }

    public static bool IsAlphabet(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
