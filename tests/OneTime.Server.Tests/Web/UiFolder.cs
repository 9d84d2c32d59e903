using System.IO.Compression;

namespace OneTime.Server.Tests.Web;

/// <summary>A built UI in a temporary folder: pages, a hashed script, and the brotli and gzip copies the build writes.</summary>
internal sealed class UiFolder : IDisposable
{
    public const string Script = "/assets/app-1a2b.js";

    public static readonly string ScriptText = "export const text = \"" + new string('a', 4000) + "\";\n";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("onetime-ui-");

    public string Root => _root.FullName;

    public static UiFolder Create(bool notFoundPage = true, bool precompressed = true)
    {
        var ui = new UiFolder();
        Directory.CreateDirectory(Path.Combine(ui.Root, "assets"));
        ui.Write("index.html", "<!doctype html><title>create</title>");
        ui.Write("s.html", "<!doctype html><title>reveal</title>");
        ui.Write(Script, ScriptText);
        if (notFoundPage) ui.Write("404.html", "<!doctype html><title>OneTime: not found</title>");
        if (precompressed)
        {
            foreach (var file in new[] { Script, "index.html" })
            {
                var content = File.ReadAllBytes(ui.PathOf(file));
                using (var br = new BrotliStream(File.Create(ui.PathOf(file) + ".br"), CompressionLevel.SmallestSize)) br.Write(content);
                using (var gz = new GZipStream(File.Create(ui.PathOf(file) + ".gz"), CompressionLevel.SmallestSize)) gz.Write(content);
            }
        }

        return ui;
    }

    public void Write(string file, string text) => File.WriteAllText(PathOf(file), text);

    public string PathOf(string file) => Path.Combine(Root, file.TrimStart('/'));

    public void Dispose() => _root.Delete(recursive: true);
}
