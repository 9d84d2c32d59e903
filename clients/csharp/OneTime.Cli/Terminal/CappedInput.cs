using System.Text;

namespace OneTime.Cli.Terminal;

/// Reads a whole input that should be small (a link, a list of links) under a cap, so that a mistaken
/// `cat big.iso |` does not fill memory.
internal static class CappedInput
{
    /// The text, or null when the input is longer than maxLength bytes.
    public static async Task<string?> ReadUtf8Async(Stream input, int maxLength, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxLength + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await input.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length <= maxLength ? Encoding.UTF8.GetString(buffer, 0, length) : null;
    }
}
