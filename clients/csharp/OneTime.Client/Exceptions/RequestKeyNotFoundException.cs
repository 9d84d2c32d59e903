namespace OneTime.Client;

/// <summary>
/// A reply link whose request was not made here: no private key for it is kept on this machine and account
/// (made elsewhere, forgotten, or more than 30 days ago). Nothing was read; the reply is still on the server.
/// </summary>
public sealed class RequestKeyNotFoundException : OneTimeException
{
    /// <summary>Creates the exception.</summary>
    public RequestKeyNotFoundException()
        : base("This reply opens only where the request was made: its key is not kept here "
            + "(the request was made on another machine or account, forgotten, or more than 30 days ago). Nothing was read.")
    {
    }
}
