namespace OneTime.Server.Storage;

/// <summary>The backing store could not be reached or did not answer in time. Nothing was stored or deleted.</summary>
public sealed class StoreUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
