namespace OneTime.Fuzz;

/// <summary>
/// One parser under fuzzing: <see cref="Run"/> feeds it an input and checks its properties. A broken property throws
/// <see cref="PropertyViolation"/>; any other exception escaping <see cref="Run"/> is a crash of the parser itself.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The name on the command line and of the corpus folders (tests/fuzz/regressions/{name}).</summary>
    public abstract string Name { get; }

    public abstract void Run(ReadOnlySpan<byte> input);

    /// <summary>Seed inputs built from the shared vectors in protos/testdata (<see cref="Vectors"/>).</summary>
    public abstract IEnumerable<byte[]> Seeds(Vectors vectors);

    protected static void Check(bool condition, string property)
    {
        if (!condition)
        {
            throw new PropertyViolation(property);
        }
    }
}
