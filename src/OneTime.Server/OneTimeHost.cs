using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;


namespace OneTime.Server;

/// <summary>How <c>Program.cs</c> creates the host, and what it says when start-up fails.</summary>
internal static class OneTimeHost
{
    private const string CannotStart = "OneTime cannot start: ";

    /// <summary>
    /// The content root is the folder of the executable unless one is given (<c>--contentRoot</c>,
    /// <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>): the host's default, the working directory, would
    /// miss <c>appsettings.json</c> when a systemd unit or a script starts the server from elsewhere, and its
    /// <c>Grpc</c> endpoint would fall back to HTTP/1.1.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var host = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();
        var configured = !string.IsNullOrEmpty(host[HostDefaults.ContentRootKey]);
        return new WebApplicationOptions { Args = args, ContentRootPath = configured ? null : AppContext.BaseDirectory };
    }

    /// <summary>
    /// The one line for a start-up failure that is the operator's to fix, or null for one that is not (a bug, which
    /// keeps its stack trace).
    /// </summary>
    public static string? Explain(Exception failure) => failure switch
    {
        // A configuration mistake names its setting.
        OptionsValidationException invalid => CannotStart + string.Join(" ", invalid.Failures),
        // A value the configuration binder cannot convert ("OneTime:MaxTtl=banana"): its message names the value, the
        // setting and the type: "Failed to convert configuration value 'banana' at 'OneTime:MaxTtl' to type
        // 'System.TimeSpan'." Only settings that are not text can fail so, and none of them is a secret.
        InvalidOperationException { InnerException: FormatException or OverflowException or ArgumentException } bind =>
            CannotStart + bind.Message,
        // Kestrel's message names the address: "Failed to bind to address http://…: address already in use."
        IOException { InnerException: AddressInUseException } bind => CannotStart + bind.Message,
        AggregateException { InnerExceptions.Count: 1 } aggregate => Explain(aggregate.InnerExceptions[0]),
        _ => null,
    };
}
