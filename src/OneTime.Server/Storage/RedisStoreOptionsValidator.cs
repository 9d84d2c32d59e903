using Microsoft.Extensions.Options;
using OneTime.Server.Storage.Redis;

namespace OneTime.Server.Storage;

/// <summary>
/// Checks OneTime:Redis at start-up, one line per fault, saying what is wrong with the URL or configuration string
/// without repeating it (either may hold a password).
/// </summary>
internal sealed class RedisStoreOptionsValidator(IOptions<StoreOptions> store) : IValidateOptions<RedisStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisStoreOptions options)
    {
        // A memory-store server does not care what the (default or leftover) Redis settings say.
        if (!UsesRedis())
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!RedisConfiguration.TryCreate(options, out _, out var error))
        {
            failures.Add(error);
        }

        if (options.CommandTimeout <= TimeSpan.Zero)
        {
            failures.Add("OneTime:Redis:CommandTimeout must be a positive time span, such as 00:00:05.");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            failures.Add("OneTime:Redis:ConnectTimeout must be a positive time span, such as 00:00:05.");
        }

        if (options.ReplicasToAcknowledge < 0)
        {
            failures.Add("OneTime:Redis:ReplicasToAcknowledge must be 0 (trust the primary alone) or a number of replicas.");
        }

        // WAIT blocks the connection it runs on; past the command timeout, commands queued behind it would fail.
        if (options.ReplicaAckTimeout <= TimeSpan.Zero || options.ReplicaAckTimeout >= options.CommandTimeout)
        {
            failures.Add("OneTime:Redis:ReplicaAckTimeout must be a positive time span shorter than CommandTimeout, such as 00:00:00.250.");
        }

        if (string.IsNullOrEmpty(options.KeyPrefix))
        {
            failures.Add("OneTime:Redis:KeyPrefix must not be empty; Redis may be shared with other data.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private bool UsesRedis()
    {
        try
        {
            return store.Value.UsesRedis;
        }
        catch (OptionsValidationException)
        {
            return false; // An unknown OneTime:Store is reported once, by StoreOptions' own validation.
        }
    }
}
