using OneTime.Fuzz;
using SharpFuzz;

// dotnet OneTime.Fuzz.dll TARGET              under afl-fuzz: SharpFuzz's persistent loop (tests/fuzz/run)
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

if (args.Length > 1)
{
    foreach (var file in args[1..])
    {
        target.Run(File.ReadAllBytes(file));
    }

    return 0;
}

Fuzzer.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    try
    {
        target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
    catch (Exception failure)
    {
        // afl-fuzz keeps the input; this shows why when run with AFL_DEBUG_CHILD=1.
        Console.Error.WriteLine(failure);
        throw;
    }
});
return 0;
