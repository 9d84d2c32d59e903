namespace OneTime.Cli;

/// A mistake in how the command was called: exit 2, with this message.
internal sealed class UsageException(string message) : Exception(message);
