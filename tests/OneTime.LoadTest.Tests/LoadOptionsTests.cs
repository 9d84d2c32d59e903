using OneTime.LoadTest;

namespace OneTime.LoadTest.Tests;

public class LoadOptionsTests
{
    [Fact]
    public void TryParse_AllOptions_AreRead()
    {
        var ok = LoadOptions.TryParse(
            ["--scenario", "exists", "--protocol", "grpc-web", "--target", "http://127.0.0.1:5080", "--concurrency", "8",
             "--connections", "2", "--duration", "1.5", "--warmup", "0", "--payload-size", "64", "--json"],
            out var options, out var error);

        Assert.True(ok, error);
        Assert.Equal(Scenario.Exists, options!.Scenario);
        Assert.Equal(Protocol.GrpcWeb, options.Protocol);
        Assert.Equal(8, options.Concurrency);
        Assert.Equal(2, options.Connections);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.Duration);
        Assert.Equal(TimeSpan.Zero, options.Warmup);
        Assert.Equal(64, options.PayloadSize);
        Assert.True(options.Json);
    }

    [Theory]
    [InlineData("--scenario", "bogus")]
    [InlineData("--concurrency", "0")]
    [InlineData("--duration", "-1")]
    [InlineData("--colour", "red")]
    public void TryParse_BadValue_FailsWithMessage(string name, string value)
    {
        Assert.False(LoadOptions.TryParse(["--target", "http://127.0.0.1:1", name, value], out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void TryParse_Rate_IsFixedRate()
    {
        Assert.True(LoadOptions.TryParse(["--target", "http://127.0.0.1:1", "--rate", "1500.5"], out var options, out var error), error);
        Assert.Equal(1500.5, options!.Rate);

        Assert.True(LoadOptions.TryParse(["--target", "http://127.0.0.1:1"], out options, out error), error);
        Assert.Null(options!.Rate);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("NaN")]
    [InlineData("fast")]
    public void TryParse_BadRate_FailsWithMessage(string value)
    {
        Assert.False(LoadOptions.TryParse(["--target", "http://127.0.0.1:1", "--rate", value], out _, out var error));
        Assert.Contains("--rate", error);
    }

    [Fact]
    public void TryParse_NoTarget_Fails()
    {
        Assert.False(LoadOptions.TryParse(["--scenario", "pair"], out _, out var error));
        Assert.Contains("--target", error);
    }
}
