namespace OneTime.Server.Tests.Interop;

/// <summary>
/// Packing, installing and compiling the npm package keeps both cores busy for a minute or more; run on its own,
/// after the parallel tests, it does not starve tests that wait on a server under a call deadline.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NpmPackageCollection
{
    public const string Name = "npm package";
}
