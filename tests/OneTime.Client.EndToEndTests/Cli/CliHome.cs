namespace OneTime.Client.EndToEndTests.Cli;

/// One user's home for CLI runs: its own HOME and XDG_CONFIG_HOME, so keys kept by one never reach another.
internal sealed class CliHome : IDisposable
{
    private CliHome(string path, bool xdg)
    {
        Path = path;
        ConfigPath = xdg ? System.IO.Path.Combine(path, "xdg-config") : System.IO.Path.Combine(path, ".config");
        Environment = new Dictionary<string, string>
        {
            ["HOME"] = path,
            // Empty: .NET then uses ~/.config, as the XDG Base Directory spec says for an unset variable.
            ["XDG_CONFIG_HOME"] = xdg ? ConfigPath : "",
        };
    }

    public string Path { get; }

    public string ConfigPath { get; }

    public string RequestsPath => System.IO.Path.Combine(ConfigPath, "onetime", "requests");

    public Dictionary<string, string> Environment { get; }

    /// xdg: XDG_CONFIG_HOME names a folder of its own; otherwise only HOME is set and keys go to ~/.config.
    public static CliHome Create(bool xdg) => new(Directory.CreateTempSubdirectory("onetime-home-").FullName, xdg);

    public string KeyFile(string keyId) => System.IO.Path.Combine(RequestsPath, keyId + ".json");

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
