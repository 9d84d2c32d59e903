using OneTime.Server.Storage;

namespace OneTime.Server.Tests.Storage;

/// <summary>
/// The one-view shorthand of the tests written before secrets had views: add with one view, take the bytes (null on
/// any miss), and read the time to live (null on any miss). What a single-view secret does is unchanged by views.
/// </summary>
internal static class OneViewStoreExtensions
{
    public static ValueTask<bool> TryAddAsync(this ISecretStore store, SecretKey key, ReadOnlyMemory<byte> ciphertext, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        store.TryAddAsync(key, ciphertext, 1, timeToLive, cancellationToken);

    public static async ValueTask<byte[]?> TakeAsync(this ISecretStore store, SecretKey key, CancellationToken cancellationToken) =>
        (await store.TakeViewAsync(key, cancellationToken)).Ciphertext;

    public static async ValueTask<TimeSpan?> GetTimeToLiveAsync(this ISecretStore store, SecretKey key, CancellationToken cancellationToken)
    {
        var status = await store.GetStatusAsync(key, cancellationToken);
        return status.IsWaiting ? status.TimeToLive : null;
    }
}
