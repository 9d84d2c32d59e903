using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Google.Protobuf;

namespace OneTime.Server.Tests.Infrastructure;

/// <summary>Builds and parses Length-Prefixed-Messages independently of the server's code.</summary>
public static class GrpcTestFrames
{
    public const byte TrailersFlag = 0x80;

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    public static byte[] Frame(byte[] payload, byte flag = 0x00)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag; // 0x00 = uncompressed, 0x01 = compressed
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>A frame with the compressed flag set and a gzip payload.</summary>
    public static byte[] GzipFrame(byte[] payload) => Frame(Gzip(payload), flag: 0x01);

    public static byte[] Gzip(byte[] payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(payload);
        }

        return output.ToArray();
    }

    /// <summary>Splits a body into (flag, payload) frames; a truncated tail fails the test.</summary>
    public static List<(byte Flag, byte[] Payload)> Parse(byte[] body)
    {
        var frames = new List<(byte, byte[])>();
        var offset = 0;
        while (offset < body.Length)
        {
            Assert.True(body.Length - offset >= 5, "truncated frame header");
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 1));
            Assert.True(body.Length - offset - 5 >= length, "truncated frame");
            frames.Add((body[offset], body.AsSpan(offset + 5, length).ToArray()));
            offset += 5 + length;
        }

        return frames;
    }

    /// <summary>Decodes base64 that may be several independently padded chunks, one 4-character quantum at a time.</summary>
    public static byte[] DecodeBase64Chunks(string text)
    {
        Assert.True(text.Length % 4 == 0, "base64 text is not whole quanta");
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i += 4)
        {
            bytes.AddRange(Convert.FromBase64String(text.Substring(i, 4)));
        }

        return bytes.ToArray();
    }

    /// <summary>Parses a gRPC-Web trailers block (<c>name:value\r\n</c> lines).</summary>
    public static Dictionary<string, string> ParseTrailers(byte[] payload)
    {
        var trailers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Encoding.ASCII.GetString(payload).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            trailers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return trailers;
    }
}
