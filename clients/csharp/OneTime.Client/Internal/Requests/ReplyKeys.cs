namespace OneTime.Client.Internal.Requests;

/// What a reply's key agreement gives: E for the link, Z and K (which envelope format 1 then uses as its key).
internal sealed record ReplyKeys(byte[] EphemeralKey, byte[] SharedSecret, byte[] Key);
