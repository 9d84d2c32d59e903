namespace OneTime.Cli.Terminal;

/// One line of `send --recipients` output, read back by status and burn: the recipient's label and their link.
internal sealed record LabelledLink(string Label, string Link);
