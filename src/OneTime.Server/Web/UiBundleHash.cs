using System.Security.Cryptography;
using System.Text;

namespace OneTime.Server.Web;

/// <summary>
/// The SHA-256 of the served UI, defined so that anyone can recompute it from a release or a build with coreutils:
/// <c>cd dist &amp;&amp; find . -type f ! -name '*.br' ! -name '*.gz' -printf '%P\n' | LC_ALL=C sort | xargs sha256sum | sha256sum</c>.
/// That is: every regular file under the UI folder but the precompressed copies, by relative path with '/' in byte
/// order; a manifest of lines "hex-sha256, two spaces, path" as sha256sum prints them; the SHA-256 of that manifest.
/// </summary>
internal static class UiBundleHash
{
    private static readonly EnumerationOptions AllRegularFiles = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint, // find -type f neither lists nor follows symbolic links
        IgnoreInaccessible = false,
    };

    /// <summary>Lowercase hex, or null when the folder does not exist.</summary>
    public static string? Compute(string root)
    {
        if (!Directory.Exists(root)) return null;

        var paths = Directory.EnumerateFiles(root, "*", AllRegularFiles)
            .Where(file => !file.EndsWith(".br", StringComparison.Ordinal) && !file.EndsWith(".gz", StringComparison.Ordinal))
            .Select(file => (File: file, Path: Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(entry => Encoding.UTF8.GetBytes(entry.Path), Utf8Order.Instance); // LC_ALL=C sort: bytes

        var manifest = new StringBuilder();
        foreach (var (file, path) in paths)
        {
            using var content = File.OpenRead(file);
            manifest.Append(Convert.ToHexStringLower(SHA256.HashData(content))).Append("  ").Append(path).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToString())));
    }

    private sealed class Utf8Order : IComparer<byte[]>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
