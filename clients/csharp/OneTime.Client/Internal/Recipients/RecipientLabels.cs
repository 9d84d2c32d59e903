using OneTime.Client.Internal.Envelope;

namespace OneTime.Client.Internal.Recipients;

/// The labels of a send to several recipients. They stay on this machine; they name lines of output
/// ("alice", a Tab, the link), so each is one short line of its own: no control characters (Tab and newline among them), no
/// spaces around it, none twice.
internal static class RecipientLabels
{
    public const int MinCount = 2;
    public const int MaxCount = 20;
    public const int MaxLength = 40;

    public static IReadOnlyList<string> Check(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count is < MinCount or > MaxCount)
        {
            throw new ArgumentException($"Give {MinCount} to {MaxCount} recipients ({labels.Count} given).", nameof(labels));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            ArgumentNullException.ThrowIfNull(label, nameof(labels));
            WellFormedText.Require(label, "recipient label", nameof(labels));
            if (label.Trim().Length == 0)
            {
                throw new ArgumentException("A recipient label cannot be empty.", nameof(labels));
            }

            if (label.Length > MaxLength)
            {
                throw new ArgumentException($"A recipient label can be at most {MaxLength} characters.", nameof(labels));
            }

            if (label != label.Trim() || label.Any(char.IsControl))
            {
                throw new ArgumentException(
                    "A recipient label cannot start or end with spaces or hold control characters (Tab, newline).", nameof(labels));
            }

            if (!seen.Add(label))
            {
                throw new ArgumentException($"Each recipient needs a label of their own; \"{label}\" appears twice.", nameof(labels));
            }
        }

        return labels;
    }
}
