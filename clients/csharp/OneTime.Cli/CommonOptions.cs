using System.CommandLine;

namespace OneTime.Cli;

/// Options more than one command takes.
internal static class CommonOptions
{
    public const string HostVariable = "ONETIME_HOST";
    public const string DefaultHost = "http://localhost:5080"; // the server's local Web (gRPC-Web) endpoint

    public static Option<string> Host() => new("--host")
    {
        Description = $"The OneTime server's base URL (default: ${HostVariable}, else {DefaultHost}).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(HostVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultHost,
    };

    public static Option<bool> Passphrase(string description) => new("--passphrase") { Description = description };

    /// Optional: "-" or no argument reads the link from stdin or $ONETIME_LINK (see LinkInput for why).
    public static Argument<string?> Link() => new("link")
    {
        Description = "The one-time link, or '-' to read it from stdin. Without it: piped stdin, else $ONETIME_LINK. "
            + "An argument lands in shell history and the process list; prefer stdin or the variable.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<FileInfo?> Ca() => new("--ca")
    {
        Description = "Trust only this CA (a PEM file) for the server's TLS certificate, e.g. a private CA.",
    };

    public static Uri ParseHost(string host) =>
        Uri.TryCreate(host, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UsageException($"Invalid --host '{host}': expected an http:// or https:// URL.");
}
