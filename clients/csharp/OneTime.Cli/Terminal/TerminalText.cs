using System.Buffers;
using System.Globalization;
using System.Text;

namespace OneTime.Cli.Terminal;

/// What a secret looks like on a terminal. The sender chooses every byte, and a terminal obeys some of them:
/// ESC starts control sequences (ECMA-48) that can retitle the window, rewrite the screen, or on some terminals
/// answer back into the input; CR and BS overwrite what was shown; C1 controls (U+0080-U+009F) are CSI/OSC on
/// terminals that honour 8-bit controls; bidirectional controls (Unicode TR 9) reorder what the reader sees. Those
/// are shown as visible escapes (\x1b, \u202e). Newline and Tab stay: they only move the cursor forward, and
/// multi-line secrets (keys, certificates) must read as they were written. Backslash is left alone so a
/// password shows exactly as typed; when anything was escaped the caller says so, and --raw or --out give the
/// bytes. Bytes that are not UTF-8 show as \xNN.
internal static class TerminalText
{
    private static readonly SearchValues<char> Bidi = SearchValues.Create(
        "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// Text someone else typed (a note, an id), shown as text on one line: no control or bidirectional characters
    /// reach the terminal, newline and Tab included (protos/README.md shows notes "as for file names").
    public static string Shown(string text) => Escape(Encoding.UTF8.GetBytes(text), out _, oneLine: true);

    public static string Escape(ReadOnlySpan<byte> utf8, out int escaped, bool oneLine = false)
    {
        var text = new StringBuilder(utf8.Length);
        escaped = 0;
        while (!utf8.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(utf8, out var rune, out var consumed) != OperationStatus.Done)
            {
                for (var i = 0; i < consumed; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\\x{utf8[i]:x2}");
                }

                escaped++;
            }
            else if (NeedsEscape(rune) || (oneLine && rune.Value is '\n' or '\t'))
            {
                text.Append(rune.Value < 0x80 ? "\\x" : "\\u").Append(rune.Value.ToString(rune.Value < 0x80 ? "x2" : "x4", CultureInfo.InvariantCulture));
                escaped++;
            }
            else
            {
                text.Append(rune.ToString());
            }

            utf8 = utf8[consumed..];
        }

        return text.ToString();
    }

    private static bool NeedsEscape(Rune rune) => rune.Value switch
    {
        '\n' or '\t' => false,
        < 0x20 or 0x7F => true,            // C0 and DEL
        >= 0x80 and <= 0x9F => true,       // C1
        _ => rune.IsBmp && Bidi.Contains((char)rune.Value),
    };
}
