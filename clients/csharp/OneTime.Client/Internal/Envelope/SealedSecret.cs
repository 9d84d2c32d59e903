namespace OneTime.Client.Internal.Envelope;

/// What sending produces: K for the link, the token and blob for the server.
internal sealed record SealedSecret(byte[] Key, byte[] AuthToken, byte[] Blob);
