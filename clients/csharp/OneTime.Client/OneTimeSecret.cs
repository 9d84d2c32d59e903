using System.Text;
using OneTime.Client.Internal.Envelope;

namespace OneTime.Client;

/// <summary>The content of a one-time secret: either text or a file.</summary>
public sealed class OneTimeSecret
{
    private OneTimeSecret(string? text, string? fileName, string? mediaType, ReadOnlyMemory<byte> content)
    {
        Text = text;
        FileName = fileName;
        MediaType = mediaType;
        Content = content;
    }

    /// <summary>The text, or <see langword="null"/> when the secret is a file.</summary>
    public string? Text { get; }

    /// <summary><see langword="true"/> when the secret is a file (or raw bytes) rather than text.</summary>
    public bool IsFile => Text is null;

    /// <summary>
    /// The sender's file name, or <see langword="null"/>/empty. Chosen by the sender: never use it as a path
    /// without the reader's consent.
    /// </summary>
    public string? FileName { get; }

    /// <summary>The file's media type; <c>application/octet-stream</c> when the sender gave none; <see langword="null"/> for text.</summary>
    public string? MediaType { get; }

    /// <summary>The secret's bytes: the file's content, or the text encoded as UTF-8.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>
    /// For a secret returned by <see cref="OneTimeClient.ReadAsync(string, ReadOptions, CancellationToken)"/>: how many more times the link can be read
    /// (0 when this was the last view, and the secret is gone from the service). <see langword="null"/> for a
    /// secret made here to be sent.
    /// </summary>
    public int? ViewsLeft { get; internal set; }

    /// <summary>
    /// For a secret returned by <see cref="OneTimeClient.ReadAsync(string, ReadOptions, CancellationToken)"/>: whether
    /// the sender was told of the read with a confirmation (only the last view of a secret link sends one).
    /// </summary>
    public ConfirmationDelivery ConfirmationDelivery { get; internal set; }

    /// <summary>Creates a text secret.</summary>
    /// <param name="text">The text to share.</param>
    public static OneTimeSecret FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new OneTimeSecret(WellFormedText.Require(text, "text", nameof(text)), null, null, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Creates a file secret.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="fileName">The file name shown to the reader, without directories; may be <see langword="null"/>.</param>
    /// <param name="mediaType">The media type; <see langword="null"/> means <c>application/octet-stream</c>.</param>
    /// <remarks>
    /// Directories are dropped at the last "/" or "\" on every platform (protos/README.md "File names"), so a
    /// Windows path sent from Linux carries no folder names, and one input gives one payload everywhere.
    /// </remarks>
    public static OneTimeSecret FromFile(ReadOnlyMemory<byte> content, string? fileName = null, string? mediaType = null) =>
        new(null, fileName is null ? null : BaseName(WellFormedText.Require(fileName, "file name", nameof(fileName))),
            string.IsNullOrEmpty(mediaType) ? DefaultMediaType : mediaType, content);

    /// A file as received: its name exactly as the sender wrote it (readers never use it as a path).
    internal static OneTimeSecret ReceivedFile(ReadOnlyMemory<byte> content, string? fileName, string? mediaType) =>
        new(null, fileName, string.IsNullOrEmpty(mediaType) ? DefaultMediaType : mediaType, content);

    private static string BaseName(string fileName) => fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];

    internal const string DefaultMediaType = "application/octet-stream";
}
