using System.Buffers.Binary;
using OneTime.Cli.Generators;

namespace OneTime.Cli.Tests.Generators;

public sealed class UniformRandomTests
{
    [Theory]
    [InlineData(90, 4294967220UL)]   // 2^32 - (2^32 mod 90): 76 draws at the top would favour 0..75
    [InlineData(7776, 4294964736UL)] // 2^32 - 2560
    [InlineData(64, 4294967296UL)]   // a power of two divides 2^32: nothing is rejected
    [InlineData(1, 4294967296UL)]
    public void RejectFrom_IsTheLargestMultipleOfNBelow2To32(int n, ulong expected)
    {
        Assert.Equal(expected, UniformRandom.RejectFrom(n));
        Assert.Equal(0UL, UniformRandom.RejectFrom(n) % (ulong)n);
    }

    [Fact]
    public void Next_DrawsAtOrAboveTheBound_AreRejectedAndDrawnAgain()
    {
        // 90: the bound is 4294967220. Those at and above it are thrown away; the first below it is used.
        var draws = new Queue<uint>([uint.MaxValue, 4294967220u, 4294967219u]);
        var calls = 0;
        var random = new UniformRandom(bytes =>
        {
            calls++;
            BinaryPrimitives.WriteUInt32BigEndian(bytes, draws.Dequeue());
        });

        var value = random.Next(90);

        Assert.Equal(3, calls);
        Assert.Equal((int)(4294967219u % 90), value);
    }

    [Fact]
    public void Next_JustBelowTheBound_IsKept()
    {
        var random = new UniformRandom(bytes => BinaryPrimitives.WriteUInt32BigEndian(bytes, 4294964735u));

        Assert.Equal((int)(4294964735u % 7776), random.Next(7776));
    }

    [Fact]
    public void Next_Secure_CoversTheRangeAndStaysInIt()
    {
        var seen = new int[10];
        for (var i = 0; i < 2000; i++)
        {
            seen[UniformRandom.Secure.Next(10)]++;
        }

        // 200 expected each; a value below 100 or above 300 is about a 1-in-10^12 event for a uniform source.
        Assert.All(seen, count => Assert.InRange(count, 100, 300));
    }
}
