namespace OneTime.Server.Grpc.Internal;

/// <summary>Recognises the gRPC content types (PROTOCOL-HTTP2.md "Content-Type", PROTOCOL-WEB.md).</summary>
internal static class GrpcContentType
{
    /// <summary>
    /// Maps a Content-Type header to its wire format: case-insensitive, parameters allowed
    /// (<c>application/grpc; charset=utf-8</c>), and only the proto subtype (or none) is served.
    /// </summary>
    public static GrpcWireFormat Parse(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return GrpcWireFormat.None;
        }

        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }

        mediaType = mediaType.Trim();
        return Matches(mediaType, "application/grpc-web-text") ? GrpcWireFormat.GrpcWebText
            : Matches(mediaType, "application/grpc-web") ? GrpcWireFormat.GrpcWeb
            : Matches(mediaType, "application/grpc") ? GrpcWireFormat.Grpc
            : GrpcWireFormat.None;
    }

    public static string ResponseContentType(GrpcWireFormat format) => format switch
    {
        GrpcWireFormat.GrpcWeb => GrpcProtocolConstants.GrpcWebContentType,
        GrpcWireFormat.GrpcWebText => GrpcProtocolConstants.GrpcWebTextContentType,
        _ => GrpcProtocolConstants.GrpcContentType,
    };

    private static bool Matches(ReadOnlySpan<char> mediaType, string family)
    {
        if (!mediaType.StartsWith(family, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var subtype = mediaType[family.Length..];
        return subtype.IsEmpty || subtype.Equals("+proto", StringComparison.OrdinalIgnoreCase);
    }
}
