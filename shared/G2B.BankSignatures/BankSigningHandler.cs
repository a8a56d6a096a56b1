using System.Text;

namespace G2B.BankSignatures;

/// <summary>
/// Signs every outgoing request with the bank headers: a GET signs its path and query, any other
/// method the exact body bytes. Placed inside retry handlers so each attempt gets a fresh timestamp.
/// </summary>
public sealed class BankSigningHandler(string bankCode, Func<string> secret, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] payload;
        if (request.Method == HttpMethod.Get || request.Content is null)
        {
            var uri = request.RequestUri ?? throw new InvalidOperationException("A signed request needs an absolute URI.");
            payload = Encoding.UTF8.GetBytes(uri.PathAndQuery);
        }
        else
        {
            // Buffering makes the signed bytes and the sent bytes the same bytes.
            payload = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        request.Headers.Remove(BankSignature.CodeHeader);
        request.Headers.Remove(BankSignature.SignatureHeader);
        request.Headers.TryAddWithoutValidation(BankSignature.CodeHeader, bankCode);
        request.Headers.TryAddWithoutValidation(
            BankSignature.SignatureHeader, BankSignature.CreateHeader(secret(), time.GetUtcNow(), payload));
        return await base.SendAsync(request, cancellationToken);
    }
}
