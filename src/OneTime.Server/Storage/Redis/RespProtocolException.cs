namespace OneTime.Server.Storage.Redis;

/// <summary>The byte stream is not valid RESP; the connection it came from cannot be trusted any more.</summary>
internal sealed class RespProtocolException(string message) : Exception(message);
