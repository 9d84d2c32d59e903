using System.Security.Cryptography;
using Google.Protobuf;
using OneTime.Client.Internal.Confirmations;
using OneTime.Client.Internal.Envelope;
using OneTime.V1;

namespace OneTime.Client;

/// Read confirmations (protos/README.md "Read confirmations (format 1)"): after the last view of a secret link the
/// reader's client seals a note under a key derived from K and hands it to the receipt; the sender's client opens it
/// in ExistsAsync (StatusConverter).
public sealed partial class OneTimeClient
{
    /// The read has already succeeded and the secret is gone from the service, so nothing here may throw: whatever
    /// goes wrong (an older server, receipts off, the network, the caller cancelling) only means the sender was not
    /// told. The caller's token still bounds the wait.
    private async Task<ConfirmationDelivery> ConfirmReadAsync(
        LinkAddress address, DerivedKeys keys, string? note, CancellationToken cancellationToken)
    {
        try
        {
            var request = new ConfirmReadRequest
            {
                Id = address.Id,
                AuthToken = ByteString.CopyFrom(keys.AuthToken),
                Confirmation = ByteString.CopyFrom(ReadConfirmation.Seal(keys.ConfirmationKey, ReadConfirmation.IdBytes(address.Id), note)),
            };
            await _caller.CallAsync(address.Service, (c, o) => c.ConfirmReadAsync(request, o), cancellationToken).ConfigureAwait(false);
            return ConfirmationDelivery.Delivered;
        }
        catch (OneTimeException e) when (e.StatusCode == UnimplementedStatus)
        {
            return ConfirmationDelivery.Unsupported; // a server from before ConfirmRead
        }
        catch (Exception)
        {
            // Any failure at all, expected or not: the secret in hand is worth more than the sender's receipt.
            return ConfirmationDelivery.Failed;
        }
    }

    // K's derivatives that never leave this process are not kept past the call that needed them.
    private static void Forget(DerivedKeys keys)
    {
        CryptographicOperations.ZeroMemory(keys.EncryptionKey);
        CryptographicOperations.ZeroMemory(keys.ConfirmationKey);
    }
}
