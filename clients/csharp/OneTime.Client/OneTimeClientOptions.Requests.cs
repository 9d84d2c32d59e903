namespace OneTime.Client;

/// Where requests keep their private keys.
public sealed partial class OneTimeClientOptions
{
    /// <summary>
    /// Where the private keys of requests made with <see cref="OneTimeClient.CreateRequest"/> are kept, one file each
    /// (mode 0600, in a folder made 0700). When <see langword="null"/>, <c>$XDG_CONFIG_HOME/onetime/requests</c>
    /// (else <c>~/.config/onetime/requests</c>; <c>%APPDATA%\onetime\requests</c> on Windows).
    /// </summary>
    public string? RequestKeysDirectory { get; set; }
}
