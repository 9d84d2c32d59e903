using OneTime.Fuzz.Targets;

namespace OneTime.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new LinkTarget(),
        new RequestLinkTarget(),
        new ReplyLinkTarget(),
        new BaseUrlTarget(),
        new EnvelopeTarget(),
        new RedisEntryTarget(),
        new RedisConfigurationTarget(),
        new TtlTarget(),
        new GrpcWebTarget(),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(target => target.Name == name);
}
