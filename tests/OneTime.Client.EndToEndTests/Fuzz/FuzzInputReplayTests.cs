using OneTime.Fuzz;
using OneTime.Testing;

namespace OneTime.Client.EndToEndTests.Fuzz;

/// <summary>
/// Every input checked in under tests/fuzz/regressions (what the fuzzer once found) and every seed tests/fuzz/run
/// builds from protos/testdata, through its target's properties, without AFL: the fixes stay proven on every run.
/// </summary>
public sealed class FuzzInputReplayTests
{
    public static TheoryData<string, string> CheckedInInputs()
    {
        var data = new TheoryData<string, string>();
        var root = Path.Combine(RepositoryPaths.Root, "tests", "fuzz", "regressions");
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(Path.GetDirectoryName(file)!), Path.GetRelativePath(root, file));
        }

        return data;
    }

    public static TheoryData<string> Targets()
    {
        var data = new TheoryData<string>();
        foreach (var target in FuzzTargets.All) data.Add(target.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CheckedInInputs))]
    public void Run_CheckedInInput_HoldsTheTargetsProperties(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "fuzz", "regressions", file));

        Target(target).Run(input);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Run_SeedsFromTheVectors_HoldTheTargetsProperties(string target)
    {
        var seeds = Target(target).Seeds(Vectors.Load(RepositoryPaths.Protos)).ToList();

        Assert.NotEmpty(seeds);
        foreach (var seed in seeds) Target(target).Run(seed);
    }

    [Fact]
    public void CheckedInInputs_EachFolder_NamesATarget()
    {
        var folders = Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "tests", "fuzz", "regressions")).Select(Path.GetFileName);

        Assert.All(folders, folder => Assert.NotNull(FuzzTargets.Find(folder!)));
    }

    private static FuzzTarget Target(string name) => FuzzTargets.Find(name) ?? throw new ArgumentException($"No fuzz target {name}.");
}
