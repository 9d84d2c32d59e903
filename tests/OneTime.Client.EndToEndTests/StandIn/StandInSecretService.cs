using System.Collections.Concurrent;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OneTime.V1;

namespace OneTime.Testing;

/// The contract's semantics in memory: keyed by (id, SHA-256(token)), Retrieve removes atomically, all misses NOT_FOUND.
internal sealed class StandInSecretService
{
    private readonly ConcurrentDictionary<string, (byte[] Ciphertext, DateTimeOffset ExpiresAt)> _secrets = new();

    public (int Status, byte[]? Response) Handle(string method, byte[] request)
    {
        switch (method)
        {
            case "Store":
                var store = StoreRequest.Parser.ParseFrom(request);
                if (store.Ciphertext.IsEmpty || store.AuthToken.Length != 32 || store.Ciphertext.Length > 1024 * 1024)
                {
                    return (3, null);
                }

                var id = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
                var expiresAt = DateTimeOffset.UtcNow + (store.Ttl?.ToTimeSpan() ?? TimeSpan.FromDays(7));
                _secrets[Key(id, store.AuthToken)] = (store.Ciphertext.ToByteArray(), expiresAt);
                return (0, new StoreResponse { Id = id, ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt) }.ToByteArray());
            case "Retrieve":
                var retrieve = RetrieveRequest.Parser.ParseFrom(request);
                return _secrets.TryRemove(Key(retrieve.Id, retrieve.AuthToken), out var secret)
                    ? (0, new RetrieveResponse { Ciphertext = ByteString.CopyFrom(secret.Ciphertext) }.ToByteArray())
                    : (5, null);
            case "Exists":
                var exists = ExistsRequest.Parser.ParseFrom(request);
                return (0, (_secrets.TryGetValue(Key(exists.Id, exists.AuthToken), out var found)
                    ? new ExistsResponse { Exists = true, ExpiresAt = Timestamp.FromDateTimeOffset(found.ExpiresAt) }
                    : new ExistsResponse()).ToByteArray());
            default:
                return (12, null);
        }
    }

    private static string Key(string id, ByteString token) => id + ":" + Convert.ToHexString(SHA256.HashData(token.Span));
}
