namespace OneTime.Server.Quota;

/// <summary>The client has stored all its quota allows in this window; nothing was stored.</summary>
internal sealed class QuotaExceededException() : Exception("The client's storage quota is spent for this window.");
