namespace OneTime.Client.Internal.Envelope;

/// Why a blob did not open. The names are the "error" values of the negative vectors in protos/testdata.
internal enum EnvelopeError
{
    None,
    Truncated,
    UnsupportedVersion,
    AuthenticationFailed,
    MalformedPlaintext,
}
