using OneTime.V1;

namespace OneTime.Client.Internal.Limits;

/// ExistsResponse (protos/onetime/v1/secrets.proto) as the public SecretStatus.
internal static class StatusConverter
{
    public static SecretStatus FromResponse(ExistsResponse response)
    {
        var state = response.State switch
        {
            V1.SecretState.Waiting => Client.SecretState.Waiting,
            V1.SecretState.Read => Client.SecretState.Read,
            // A server older than SecretState says only `exists`: then it has exactly one view.
            _ when response.Exists => Client.SecretState.Waiting,
            _ => Client.SecretState.Gone,
        };
        return new SecretStatus(
            state,
            state == Client.SecretState.Gone ? null : response.ExpiresAt?.ToDateTimeOffset(),
            state == Client.SecretState.Waiting ? Math.Max(1, (int)Math.Min(response.ViewsLeft, int.MaxValue)) : 0,
            state == Client.SecretState.Gone ? null : response.ReadAt?.ToDateTimeOffset());
    }
}
