using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OneTime.Client.Internal.Requests;

/// The JSON of one key file, {key_id}.json. Written and read by hand (JsonNode) rather than by reflection, so the
/// library stays trimming-safe; unknown fields are ignored, so a later version can add some.
internal static class RequestKeyFile
{
    private const int Format = 1;

    public static byte[] Write(KeptRequestKey key) => JsonSerializer.SerializeToUtf8Bytes(
        new JsonObject
        {
            ["format"] = Format,
            ["key_id"] = key.KeyId,
            ["private_key_pkcs8"] = Convert.ToBase64String(key.PrivateKeyPkcs8),
            ["requester_key"] = Base64Url.EncodeToString(key.RequesterKey),
            ["note"] = key.Note,
            ["base_url"] = key.BaseUrl,
            ["created_at"] = key.CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        },
        new JsonSerializerOptions { WriteIndented = true });

    /// Null when the file is not a key file this version can use; the store then leaves it alone.
    public static KeptRequestKey? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            if (JsonNode.Parse(json) is not JsonObject node || (int?)node["format"] != Format)
            {
                return null;
            }

            var key = new KeptRequestKey(
                (string)node["key_id"]!,
                Convert.FromBase64String((string)node["private_key_pkcs8"]!),
                Base64Url.DecodeFromChars((string)node["requester_key"]!),
                (string?)node["note"],
                (string)node["base_url"]!,
                DateTimeOffset.Parse((string)node["created_at"]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
            return key.KeyId == RequestDerivation.KeyId(key.RequesterKey) ? key : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException or ArgumentException)
        {
            return null;
        }
    }
}
