namespace OneTime.Client;

/// <summary>The text is not a OneTime link (<c>{base URL}/s#{version}.{id}.{key}</c>), or is truncated.</summary>
public sealed class InvalidLinkException : OneTimeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong; never contains the link itself.</param>
    public InvalidLinkException(string message)
        : base(message)
    {
    }
}
