using OneTime.Cli.Terminal;

namespace OneTime.Cli.Tests.Terminal;

public sealed class LinkListTests
{
    [Fact]
    public void Parse_LabelledLinesAndBareLinks_BlankLinesSkipped_CrTrimmed()
    {
        var links = LinkList.Parse("alice\thttp://h/s#1.a.b\r\n\nhttp://h/s#1.c.d\n carol \t http://h/s#1.e.f \n");

        Assert.Equal(
            [new LabelledLink("alice", "http://h/s#1.a.b"), new LabelledLink("3", "http://h/s#1.c.d"), new LabelledLink("carol", "http://h/s#1.e.f")],
            links);
    }

    [Fact]
    public void Parse_SameLabelTwice_UsageError()
    {
        Assert.Contains("appears on more than one line", Assert.Throws<UsageException>(() => LinkList.Parse("a\tx\na\ty\n")).Message);
    }
}
