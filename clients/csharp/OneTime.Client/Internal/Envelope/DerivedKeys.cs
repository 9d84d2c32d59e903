namespace OneTime.Client.Internal.Envelope;

/// The two values HKDF derives from K: the AES key stays on the client, the token goes to the server.
internal sealed record DerivedKeys(byte[] EncryptionKey, byte[] AuthToken);
