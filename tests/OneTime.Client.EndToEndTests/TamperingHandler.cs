namespace OneTime.Client.EndToEndTests;

/// Flips one byte of the ciphertext inside a Store request on its way to the server, to simulate corruption at rest.
internal sealed class TamperingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    // 5-byte frame header, then field 1 (ciphertext): tag 0x0a and a 2-byte varint length (>= 285 bytes), then
    // the blob; offset 60 is well inside its AES-GCM ciphertext.
    private const int Offset = 60;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/Store", StringComparison.Ordinal))
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            body[Offset] ^= 0x01;
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = request.Content.Headers.ContentType;
            request.Content = content;
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
