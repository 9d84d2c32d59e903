using System.Globalization;

namespace OneTime.Cli.Generators;

/// send --generate KIND[:SIZE]: password[:LENGTH], passphrase[:WORDS] or apikey[:BYTES], each with its `gen`
/// default when the size is left out. The bare flag (no value) is the form from before kinds: a 24-character password.
internal static class GenerateSpec
{
    public const string Password = "password";
    public const string Passphrase = "passphrase";
    public const string ApiKey = "apikey";

    private const string Usage = "use password[:LENGTH], passphrase[:WORDS] or apikey[:BYTES], e.g. password:24, passphrase:6, apikey:32";

    public static Generated Generate(string spec)
    {
        var colon = spec.IndexOf(':');
        var kind = colon < 0 ? spec : spec[..colon];
        int? size = null;
        if (colon >= 0)
        {
            size = int.TryParse(spec.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new UsageException($"Invalid --generate '{spec}': {Usage}.");
        }

        return kind switch
        {
            Password => PasswordGenerator.Generate(size ?? PasswordGenerator.DefaultLength, new PasswordClasses()),
            Passphrase => PassphraseGenerator.Generate(size ?? PassphraseGenerator.DefaultWords),
            ApiKey => ApiKeyGenerator.Generate(size ?? ApiKeyGenerator.DefaultBytes, hex: false),
            _ => throw new UsageException($"Invalid --generate '{spec}': {Usage}."),
        };
    }
}
