namespace OneTime.Cli;

/// The exit codes scripts can rely on (issue 3).
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int NotFound = 3;      // already read, expired, wrong link or passphrase
    public const int Unreachable = 4;   // the server could not be reached or did not answer in time
    public const int TryLater = 5;      // rate limited, or the store has no room: nothing happened, retry later
    public const int KeyNotHere = 6;    // a reply to a request made elsewhere (or forgotten): nothing was read
}
