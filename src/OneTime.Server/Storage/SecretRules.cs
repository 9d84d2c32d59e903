namespace OneTime.Server.Storage;

/// <summary>
/// What a store does beyond keeping bytes: how many wrong tokens burn a secret, and whether the last view leaves a
/// read receipt (protos/README.md "Views, receipts and wrong attempts"). From <see cref="OneTimeOptions"/>.
/// </summary>
public sealed record SecretRules(int MaxWrongAttempts, bool ReadReceipts)
{
    /// <summary>The defaults of <see cref="OneTimeOptions"/>: 10 wrong tokens, receipts on.</summary>
    public static readonly SecretRules Default = new(10, true);
}
