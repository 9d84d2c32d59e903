namespace OneTime.Server.Metrics;

/// <summary>The onetime.v1.SecretService methods, as the call-duration metric labels them.</summary>
internal enum RpcMethod
{
    Store,
    Retrieve,
    Exists,
    Burn,
    ConfirmRead,
    GetLimits,
}
