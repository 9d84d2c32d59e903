using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace OneTime.Client.Internal.Requests;

/// P-256 keys as the request formats carry them: public points uncompressed (SEC 1 §2.3.3, 0x04 || X || Y, what
/// WebCrypto's "raw" export writes), private keys as PKCS#8 on disk. The platform's ECDiffieHellman does the curve
/// arithmetic and the point check; nothing here computes on the curve.
internal static class P256
{
    public const int PointSize = 65;
    public const int CoordinateSize = 32;
    private const byte Uncompressed = 0x04;

    private static readonly ECCurve Curve = ECCurve.NamedCurves.nistP256;

    public static ECDiffieHellman Generate() => ECDiffieHellman.Create(Curve);

    /// A key from its 32-byte big-endian scalar (the test vectors' fixed keys); the platform computes Q.
    public static ECDiffieHellman FromPrivateScalar(ReadOnlySpan<byte> d)
    {
        var key = ECDiffieHellman.Create();
        key.ImportParameters(new ECParameters { Curve = Curve, D = d.ToArray() });
        return key;
    }

    public static ECDiffieHellman FromPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDiffieHellman.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }

    public static byte[] PublicPoint(ECDiffieHellman key)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return [Uncompressed, .. q.X!, .. q.Y!];
    }

    /// Imports a public point; false unless it is 65 bytes, uncompressed and on the curve (the import checks it,
    /// which is what stops invalid-curve attacks on the requester's key).
    public static bool TryImportPublic(ReadOnlySpan<byte> point, [NotNullWhen(true)] out ECDiffieHellman? key)
    {
        key = null;
        if (point.Length != PointSize || point[0] != Uncompressed)
        {
            return false;
        }

        var candidate = ECDiffieHellman.Create();
        try
        {
            candidate.ImportParameters(new ECParameters
            {
                Curve = Curve,
                Q = new ECPoint { X = point.Slice(1, CoordinateSize).ToArray(), Y = point.Slice(1 + CoordinateSize).ToArray() },
            });
            key = candidate;
            return true;
        }
        catch (CryptographicException)
        {
            candidate.Dispose();
            return false;
        }
    }

    /// Z: the x-coordinate of the shared point, 32 bytes (WebCrypto deriveBits(..., 256) gives the same).
    public static byte[] Agree(ECDiffieHellman own, ECDiffieHellman other) => own.DeriveRawSecretAgreement(other.PublicKey);
}
