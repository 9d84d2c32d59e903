namespace OneTime.Server.Storage.Redis;

/// <summary>Redis answered, but not as the command promises: an error reply or a reply of the wrong type.</summary>
internal sealed class RedisReplyException(string message) : Exception(message);
