using System.Buffers.Binary;
using System.Security.Cryptography;
using OneTime.Server.Storage;

namespace OneTime.Server.Tests.Storage;

/// <summary>Keys for the store tests (<c>using static</c>): a fresh random one, and the same id with another token.</summary>
internal static class TestKeys
{
    public static SecretKey NewKey() =>
        SecretKey.Create(RandomNumberGenerator.GetBytes(SecretKey.IdSize), RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize));

    /// <summary>The same id with another random token.</summary>
    public static SecretKey WrongTokenFor(SecretKey key)
    {
        var id = new byte[SecretKey.IdSize];
        BinaryPrimitives.WriteUInt128LittleEndian(id, key.Id);
        return SecretKey.Create(id, RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize));
    }
}
