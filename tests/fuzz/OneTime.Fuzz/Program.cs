using OneTime.Fuzz;
using SharpFuzz;

// dotnet OneTime.Fuzz.dll TARGET --input FILE under afl-fuzz (FILE is its @@): SharpFuzz's persistent loop (tests/fuzz/run)
// dotnet OneTime.Fuzz.dll TARGET FILE...      replays inputs once each, without AFL (a crash file, a corpus)
// dotnet OneTime.Fuzz.dll seeds DIR PROTOS    writes DIR/TARGET/seed-N from the vectors in PROTOS/testdata
// dotnet OneTime.Fuzz.dll list                the targets' names
if (args is ["list"])
{
    foreach (var each in FuzzTargets.All) Console.WriteLine(each.Name);
    return 0;
}

if (args is ["seeds", var directory, var protos])
{
    var vectors = Vectors.Load(protos);
    foreach (var each in FuzzTargets.All)
    {
        var folder = Directory.CreateDirectory(Path.Combine(directory, each.Name));
        var n = 0;
        foreach (var seed in each.Seeds(vectors).DistinctBy(Convert.ToHexString)) File.WriteAllBytes(Path.Combine(folder.FullName, $"seed-{n++:D3}"), seed);
    }

    return 0;
}

if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: OneTime.Fuzz {{{string.Join('|', FuzzTargets.All.Select(t => t.Name))}}} [FILE...] | seeds DIR PROTOS | list");
    return 2;
}

// SharpFuzz hands the first input over from stdin before afl-fuzz has written it, so on a busy machine the first run
// could see nothing and afl-fuzz abort with "No instrumentation detected". afl-fuzz writes FILE before each run's
// go-ahead, so every run, the first included, reads the input afl-fuzz meant.
if (args is [_, "--input", var input])
{
    Fuzzer.Run(_ =>
    {
        try
        {
            target.Run(File.ReadAllBytes(input));
        }
        catch (Exception failure)
        {
            // afl-fuzz keeps the input; this shows why when run with AFL_DEBUG_CHILD=1.
            Console.Error.WriteLine(failure);
            throw;
        }
    });
    return 0;
}

if (args.Length > 1)
{
    foreach (var file in args[1..])
    {
        target.Run(File.ReadAllBytes(file));
    }

    return 0;
}

Console.Error.WriteLine($"usage: OneTime.Fuzz {target.Name} --input FILE (under afl-fuzz) | {target.Name} FILE...");
return 2;
