using System.Buffers.Text;
using System.Text.Json.Nodes;
using OneTime.Client.Internal.Links;
using OneTime.Client.Internal.Requests;
using Xunit.Abstractions;

namespace OneTime.Client.Tests.Links;

/// The C# and TypeScript clients accept and reject the same links, with the same parts, over a generated corpus
/// (LinkCorpus): secret links, request links and reply links, each candidate given to all three parsers in both
/// languages. protos/README.md "Link" says which is right where they differ.
public sealed class LinkDifferentialTests(ITestOutputHelper output)
{
    // A few seconds in CI; ONETIME_DIFFERENTIAL_LINKS=200000 and ONETIME_DIFFERENTIAL_SEED (any integer) go further.
    private static readonly int Count = int.Parse(Environment.GetEnvironmentVariable("ONETIME_DIFFERENTIAL_LINKS") ?? "6000");
    private static readonly int Seed = int.Parse(Environment.GetEnvironmentVariable("ONETIME_DIFFERENTIAL_SEED") ?? "24");
    private const int Shown = 15;

    [Fact]
    public async Task Parsers_GeneratedCorpus_SameVerdictsAndPartsAsTypeScript()
    {
        var corpus = LinkCorpus.Generate(Seed, Count);

        var typeScript = await TypeScriptLinkVerdicts.ReadAsync(corpus);

        var disagreements = new List<string>();
        var accepted = new Dictionary<string, int> { ["secret"] = 0, ["request"] = 0, ["reply"] = 0 };
        for (var i = 0; i < corpus.Count; i++)
        {
            var csharp = Verdict(corpus[i]);
            foreach (var kind in accepted.Keys)
            {
                accepted[kind] += csharp[kind] is null ? 0 : 1;
            }

            if (!JsonNode.DeepEquals(csharp, typeScript[i]))
            {
                disagreements.Add($"{Escaped(corpus[i])}\n  C#:         {csharp.ToJsonString()}\n  TypeScript: {typeScript[i].ToJsonString()}");
            }
        }

        output.WriteLine($"seed {Seed}: {corpus.Count} candidates, accepted as secret links {accepted["secret"]}, "
            + $"request links {accepted["request"]}, reply links {accepted["reply"]}; {disagreements.Count} disagreements");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {corpus.Count} candidates (seed {Seed}) parse differently:\n"
            + string.Join('\n', disagreements.Take(Shown)));
        // The corpus must reach the parsers' accepting paths, not only their first rejections.
        Assert.All(accepted.Values, n => Assert.True(n >= corpus.Count / 100, $"only {n} accepted"));
    }

    [Fact]
    public void Seeds_IncludeEveryKindOfLinkVector()
    {
        Assert.Contains(LinkCorpus.Seeds, s => s.Contains("/r#1.", StringComparison.Ordinal));
        Assert.Contains(LinkCorpus.Seeds, s => s.Contains("/s#1r.", StringComparison.Ordinal));
        Assert.Contains(LinkCorpus.Seeds, s => s.Contains("/s#1p.", StringComparison.Ordinal));
    }

    /// What the C# parsers read from a candidate, in link-verdicts.ts's shape; an exception is a verdict of its own.
    private static JsonObject Verdict(string candidate)
    {
        return new JsonObject
        {
            ["secret"] = Try(() => ParsedLink.TryParse(candidate, out var link)
                ? new JsonObject
                {
                    ["baseUrl"] = ParsedLink.TrimBase(link!.BaseAddress),
                    ["id"] = link.Fragment.Id,
                    ["key"] = Base64Url.EncodeToString(link.Fragment.Key),
                    ["passphraseRequired"] = link.Fragment.PassphraseRequired,
                }
                : null),
            ["request"] = Try(() => RequestLink.TryParse(candidate, out var request)
                ? new JsonObject
                {
                    ["baseUrl"] = request!.BaseUrl,
                    ["requesterKey"] = Base64Url.EncodeToString(request.RequesterKey),
                    ["note"] = request.Note ?? "",
                    ["fingerprint"] = request.Fingerprint,
                    ["keyId"] = request.KeyId,
                }
                : null),
            ["reply"] = Try(() => ReplyLink.TryParse(candidate, out var reply)
                ? new JsonObject
                {
                    ["baseUrl"] = reply!.BaseUrl,
                    ["id"] = reply.Id,
                    ["ephemeralKey"] = Base64Url.EncodeToString(reply.EphemeralKey),
                    ["keyId"] = reply.KeyId,
                }
                : null),
        };
    }

    private static JsonNode? Try(Func<JsonNode?> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e)
        {
            return new JsonObject { ["threw"] = e.GetType().Name };
        }
    }

    private static string Escaped(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));
}
