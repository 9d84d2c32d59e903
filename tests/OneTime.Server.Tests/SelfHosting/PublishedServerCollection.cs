namespace OneTime.Server.Tests.SelfHosting;

/// <summary>The Native AOT publish takes a minute: the self-hosting test classes share one.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedServerCollection : ICollectionFixture<PublishedServer>
{
    public const string Name = "Published server";
}
