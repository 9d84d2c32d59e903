namespace OneTime.Client.Internal.Envelope;

/// The values HKDF derives from K (and the passphrase key): the AES key and the confirmation key stay on the client,
/// the token goes to the server.
internal sealed record DerivedKeys(byte[] EncryptionKey, byte[] AuthToken, byte[] ConfirmationKey);
