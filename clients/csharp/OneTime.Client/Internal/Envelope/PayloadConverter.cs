using Google.Protobuf;
using OneTime.V1;

namespace OneTime.Client.Internal.Envelope;

/// Maps the public OneTimeSecret to the Payload message of protos/onetime/v1/payload.proto and back.
internal static class PayloadConverter
{
    public static Payload ToPayload(OneTimeSecret secret) =>
        secret.Text is { } text
            ? new Payload { Text = text }
            : new Payload
            {
                File = new FileContent
                {
                    Name = secret.FileName ?? "",
                    MediaType = secret.MediaType == OneTimeSecret.DefaultMediaType ? "" : secret.MediaType ?? "",
                    Data = ByteString.CopyFrom(secret.Content.Span),
                },
            };

    public static OneTimeSecret? FromPayload(Payload payload) => payload.ContentCase switch
    {
        Payload.ContentOneofCase.Text => OneTimeSecret.FromText(payload.Text),
        Payload.ContentOneofCase.File => OneTimeSecret.ReceivedFile(
            payload.File.Data.Memory, payload.File.Name.Length == 0 ? null : payload.File.Name, payload.File.MediaType),
        _ => null,
    };
}
