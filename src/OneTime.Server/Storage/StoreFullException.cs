namespace OneTime.Server.Storage;

/// <summary>The store has no room for another secret. Unread secrets are never evicted to make room.</summary>
public sealed class StoreFullException(string message) : Exception(message);
