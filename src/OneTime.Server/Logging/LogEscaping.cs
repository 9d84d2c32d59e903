using System.Buffers;
using System.Globalization;
using System.Text;

namespace OneTime.Server.Logging;

/// <summary>
/// Makes a rendered log message one line of visible text: a request path with <c>%0d%0a</c> in it (ASP.NET Core's
/// hosting and Kestrel logs carry paths, hosts and query strings) could otherwise start a line of its own and pass for
/// an entry the server never wrote (CWE-117), and an ESC could drive the operator's terminal.
/// </summary>
internal static class LogEscaping
{
    // C0 controls and DEL, C1 controls, the Unicode line and paragraph separators, and the bidirectional embeddings,
    // overrides and isolates that can make a line read other than it is (Unicode TR9).
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        string.Concat(
            Range('\u0000', '\u001F'), Range('\u007F', '\u009F'), "\u2028\u2029",
            Range('\u202A', '\u202E'), Range('\u2066', '\u2069')));

    /// <summary>The text unchanged when it holds nothing unsafe (the usual case, no copy), else with each unsafe
    /// character written as <c>\uXXXX</c>.</summary>
    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0) return text;

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (Unsafe.Contains(c)) escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static string Range(char from, char to) =>
        new(Enumerable.Range(from, to - from + 1).Select(c => (char)c).ToArray());
}
