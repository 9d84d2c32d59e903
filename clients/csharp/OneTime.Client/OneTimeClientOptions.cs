namespace OneTime.Client;

/// <summary>Settings for <see cref="OneTimeClient"/>.</summary>
public sealed partial class OneTimeClientOptions
{
    /// <summary>The server's local default Web URL, used when neither these options nor the HttpClient name one.</summary>
    public static readonly Uri DefaultBaseAddress = new("http://localhost:5080");

    /// <summary>
    /// The service's public base URL, on which links are built (<c>{BaseAddress}/s#...</c>). When <see langword="null"/>,
    /// <see cref="HttpClient.BaseAddress"/>, else <see cref="DefaultBaseAddress"/>.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// Where calls are sent, when that differs from the links' base URL (for example the server's separate HTTP/2
    /// <c>Grpc</c> endpoint). When <see langword="null"/>, calls go to the base URL of the link (or of <see cref="BaseAddress"/> for sends).
    /// </summary>
    public Uri? ServiceAddress { get; set; }

    /// <summary>The wire protocol; <see cref="OneTimeTransport.GrpcWeb"/> by default.</summary>
    public OneTimeTransport Transport { get; set; } = OneTimeTransport.GrpcWeb;

    /// <summary>The deadline of each call, sent to the server as <c>grpc-timeout</c>. 30 seconds by default.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// The clock of the limits cache; tests move it.
    internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
