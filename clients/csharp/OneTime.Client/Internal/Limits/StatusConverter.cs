using OneTime.Client.Internal.Confirmations;
using OneTime.V1;

namespace OneTime.Client.Internal.Limits;

/// ExistsResponse (protos/onetime/v1/secrets.proto) as the public SecretStatus, with the reader's confirmation checked
/// against the sender's own link (protos/README.md "Checking one").
internal static class StatusConverter
{
    public static SecretStatus FromResponse(ExistsResponse response, ReadOnlySpan<byte> confirmationKey, ReadOnlySpan<byte> id)
    {
        var state = response.State switch
        {
            V1.SecretState.Waiting => Client.SecretState.Waiting,
            V1.SecretState.Read => Client.SecretState.Read,
            // A server older than SecretState says only `exists`: then it has exactly one view.
            _ when response.Exists => Client.SecretState.Waiting,
            _ => Client.SecretState.Gone,
        };
        var (confirmation, note) = state == Client.SecretState.Read
            ? Check(response.ReadConfirmation.Span, confirmationKey, id)
            : (ConfirmationState.None, null);
        return new SecretStatus(
            state,
            state == Client.SecretState.Gone ? null : response.ExpiresAt?.ToDateTimeOffset(),
            state == Client.SecretState.Waiting ? Math.Max(1, (int)Math.Min(response.ViewsLeft, int.MaxValue)) : 0,
            state == Client.SecretState.Gone ? null : response.ReadAt?.ToDateTimeOffset(),
            confirmation,
            note);
    }

    private static (ConfirmationState State, string? Note) Check(ReadOnlySpan<byte> confirmation, ReadOnlySpan<byte> confirmationKey, ReadOnlySpan<byte> id)
    {
        if (confirmation.IsEmpty)
        {
            return (ConfirmationState.Unconfirmed, null);
        }

        // Every failure (wrong length, version, tag, malformed note) reads the same to the sender: it does not verify.
        return ReadConfirmation.TryOpen(confirmation, confirmationKey, id, out var note) == ConfirmationError.None
            ? (ConfirmationState.Confirmed, note.Length > 0 ? note : null)
            : (ConfirmationState.Invalid, null);
    }
}
