namespace OneTime.Client.Internal.Confirmations;

/// Why a read confirmation did not open. The names are the "error" values of protos/testdata/confirmation-v1.json.
internal enum ConfirmationError
{
    None,
    WrongLength,
    UnsupportedVersion,
    AuthenticationFailed,
    MalformedNote,
}
