using OneTime.Client;

namespace OneTime.Cli.Commands;

/// The one line `read` says about the sender's read confirmation (protos/README.md "Read confirmations"). The other
/// clients reuse this wording.
internal static class ReadConfirmationText
{
    public static string? AfterRead(OneTimeSecret secret, bool noteGiven) => secret.ConfirmationDelivery switch
    {
        ConfirmationDelivery.Delivered => noteGiven
            ? "onetime: the sender was told you read it (confirmed, with your note)."
            : "onetime: the sender was told you read it (confirmed).",
        ConfirmationDelivery.Unsupported => "onetime: the sender could not be told you read it: this server does not take read confirmations.",
        ConfirmationDelivery.Failed => "onetime: the sender could not be told you read it: the server did not keep the confirmation.",
        // Views remain (or a reply link): only the last view of a secret link confirms.
        _ when noteGiven => "onetime: the note was not sent: only the last view confirms a read.",
        _ => null,
    };
}
