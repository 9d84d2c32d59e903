using System.Buffers.Binary;
using System.Security.Cryptography;

namespace OneTime.Cli.Generators;

/// Uniform picks from a CSPRNG by rejection sampling: 32 random bits, and any draw at or above the largest multiple
/// of n below 2^32 is thrown away and drawn again, so that `draw % n` favours no value (the modulo bias a plain
/// `% n` would have). The same method as RandomNumberGenerator.GetInt32; written out so the bound can be tested
/// with a chosen byte source.
internal sealed class UniformRandom(Action<Span<byte>> fill)
{
    public static readonly UniformRandom Secure = new(RandomNumberGenerator.Fill);

    private const ulong Range = 1UL << 32;

    /// The first draw that is rejected: draws in [RejectFrom(n), 2^32) would make some values more likely.
    public static ulong RejectFrom(int n) => Range - (Range % (ulong)n);

    /// A value in [0, n), each equally likely.
    public int Next(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var limit = RejectFrom(n);
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        while (true)
        {
            fill(bytes);
            var draw = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            if (draw < limit)
            {
                return (int)(draw % (uint)n);
            }
        }
    }
}
