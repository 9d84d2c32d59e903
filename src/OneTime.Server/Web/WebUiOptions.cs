namespace OneTime.Server.Web;

/// <summary>Where the built web UI is, bound from <c>OneTime:WebUi</c>.</summary>
public sealed class WebUiOptions
{
    public const string SectionName = "OneTime:WebUi";

    /// <summary>
    /// The folder holding the built UI (<c>index.html</c>, <c>s.html</c>, <c>assets/</c>). By default <c>web/</c> next to
    /// the server's binaries, where the build copies <c>clients/web/dist</c>.
    /// </summary>
    public string RootPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "web");
}
