using OneTime.Client;

namespace OneTime.Cli.Tests;

public sealed class ErrorReporterTests
{
    [Fact]
    public void Report_RecipientsNotSent_ExitCodeOfWhatStoppedIt_WholeStoryInTheLine()
    {
        var stderr = new StringWriter();
        var stopped = new RecipientsNotSentException(
            "Stored 2 of 3 recipients' secrets, then failed: no room. Those stored were burned; no link was given out.", 2, 0,
            new StoreFullException("no room"));

        var code = ErrorReporter.Report(stopped, stderr);

        Assert.Equal(ExitCodes.TryLater, code);
        Assert.Equal("onetime: Stored 2 of 3 recipients' secrets, then failed: no room. Those stored were burned; no link was given out.\n", stderr.ToString());
    }

    [Fact]
    public void Report_RecipientsNotSent_Unreachable_Exit4()
    {
        var stopped = new RecipientsNotSentException("Stored 1 of 2 ...", 1, 1, new ServiceUnavailableException("down", 14));

        Assert.Equal(ExitCodes.Unreachable, ErrorReporter.Report(stopped, new StringWriter()));
    }
}
