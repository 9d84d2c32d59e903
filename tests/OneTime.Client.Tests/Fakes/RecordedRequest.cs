namespace OneTime.Client.Tests.Fakes;

/// What reached the fake server's socket, before any routing.
internal sealed record RecordedRequest(string Protocol, int Port, string Path, string? ContentType, string? CallerHeader);
