using System.Globalization;
using OneTime.Cli.Terminal;
using OneTime.Client;

namespace OneTime.Cli.Commands;

/// How a status reads, for one link or for each recipient's. The wording is shared with the other clients, which reuse
/// it: "confirmed by the reader's client" only when the confirmation opens with this link's key (protos/README.md
/// "Checking one"); the note is someone else's text, so it is shown escaped.
internal static class StatusText
{
    public const string Confirmed = ", confirmed by the reader's client";
    public const string Unconfirmed = ": the server says so, unconfirmed";
    public const string Invalid = " says the server, but its confirmation does not verify";

    public static string Waiting(SecretStatus status)
    {
        var views = status.ViewsLeft == 1 ? "1 view left" : $"{status.ViewsLeft} views left";
        var lastRead = status.ReadAt is { } at ? ", last read " + Time(at) : "";
        return $"waiting, {views}, expires {Time(status.ExpiresAt)}{lastRead}";
    }

    /// "read at …" with what the confirmation shows; the note, when there is one, separately.
    public static (string Read, string? Note) Read(SecretStatus status)
    {
        var readAt = "read at " + Time(status.ReadAt);
        return status.Confirmation switch
        {
            ConfirmationState.Confirmed => (readAt + Confirmed, status.ReaderNote is { } note ? TerminalText.Shown(note) : null),
            ConfirmationState.Invalid => (readAt + Invalid, null),
            _ => (readAt + Unconfirmed, null),
        };
    }

    public static string Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "unknown";
}
