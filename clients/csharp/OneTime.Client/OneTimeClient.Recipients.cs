using OneTime.Client.Internal.Recipients;

namespace OneTime.Client;

/// Several recipients: one independent secret each (its own K, id and link), so each read, status, confirmation and
/// burn is that recipient's alone, and nobody's link opens another's. The labels never leave this process.
public sealed partial class OneTimeClient
{
    /// <summary>Checks recipients' labels as <see cref="SendToRecipientsAsync"/> does, for a caller to refuse them before asking for anything else.</summary>
    /// <param name="labels">2 to 20 labels, each unique, 1 to 40 characters, without surrounding spaces or control characters.</param>
    /// <returns>The same labels.</returns>
    /// <exception cref="ArgumentException">They are not.</exception>
    public static IReadOnlyList<string> CheckRecipientLabels(IReadOnlyList<string> labels) => RecipientLabels.Check(labels);

    /// <summary>
    /// Encrypts and stores the same secret once per recipient, each with its own key and link, and the same TTL, views
    /// and passphrase. All or nothing: when one store fails, the secrets already stored are burned and no link is
    /// returned (<see cref="RecipientsNotSentException"/>).
    /// </summary>
    /// <param name="secret">The text or file every recipient gets.</param>
    /// <param name="labels">2 to 20 labels ("alice", "bob"), each unique, 1 to 40 characters, without surrounding spaces or control characters. Never sent.</param>
    /// <param name="options">TTL, passphrase and views, the same for every recipient.</param>
    /// <param name="cancellationToken">Cancels the send (the secrets already stored are still burned).</param>
    /// <returns>One link per label, in the order given.</returns>
    /// <exception cref="ArgumentException">The labels are not 2 to 20 unique, well-formed labels; nothing was sent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The TTL or the number of views is outside the service's range; nothing was sent.</exception>
    /// <exception cref="SecretTooLargeException">The encrypted secret is larger than the service accepts; nothing was uploaded.</exception>
    /// <exception cref="RecipientsNotSentException">A store failed part way; its inner exception says why.</exception>
    public async Task<IReadOnlyList<RecipientLink>> SendToRecipientsAsync(
        OneTimeSecret secret, IReadOnlyList<string> labels, SendOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(options);
        RecipientLabels.Check(labels);

        var sent = new List<RecipientLink>(labels.Count);
        try
        {
            foreach (var label in labels)
            {
                sent.Add(new RecipientLink(label, await SendAsync(secret, options, cancellationToken).ConfigureAwait(false)));
            }
        }
        catch (Exception e) when (sent.Count > 0 && e is OneTimeException or OperationCanceledException)
        {
            var left = await BurnAllAsync(sent, options.Passphrase).ConfigureAwait(false);
            throw new RecipientsNotSentException(
                $"Stored {sent.Count} of {labels.Count} recipients' secrets, then failed: {e.Message.TrimEnd('.')}. "
                + (left == 0
                    ? "Those stored were burned; no link was given out."
                    : $"{left} of those stored could not be burned; nobody holds their links, and they expire unread."),
                sent.Count,
                left,
                e);
        }

        return sent;
    }

    // Links nobody has seen: burning them loses nothing, and leaves no half-sent batch. Not the caller's token: a
    // cancelled send still cleans up, within each call's own deadline.
    private async Task<int> BurnAllAsync(List<RecipientLink> sent, string? passphrase)
    {
        var left = 0;
        foreach (var recipient in sent)
        {
            try
            {
                await BurnAsync(recipient.Link.ToString(), passphrase, CancellationToken.None).ConfigureAwait(false);
            }
            catch (OneTimeException)
            {
                left++;
            }
        }

        return left;
    }
}
