using System.Text;
using G2B.BankSignatures;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FeePayments.Api.Banks;

/// <summary>What the bank endpoints get once the signature checked out.</summary>
public sealed record BankRequest(string BankCode, byte[] Body)
{
    internal static readonly object ItemKey = new();

    public static BankRequest From(HttpContext context) =>
        context.Items[ItemKey] as BankRequest
        ?? throw new InvalidOperationException("The bank signature filter did not run for this endpoint.");
}

/// <summary>
/// A window of zero or less would refuse every bank, and a body limit of zero or less every confirmation: both are
/// refused when the service starts (and on a reload), not found out at a bank's first call.
/// </summary>
internal sealed class BankAuthOptionsValidator : IValidateOptions<BankAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, BankAuthOptions options) =>
        options switch
        {
            { Tolerance.Ticks: <= 0 } => ValidateOptionsResult.Fail(
                $"{BankAuthOptions.SectionName}:Tolerance must be longer than zero (the contract's window is 300 s)."),
            { MaxBodyBytes: <= 0 } => ValidateOptionsResult.Fail(
                $"{BankAuthOptions.SectionName}:MaxBodyBytes must be a positive number of bytes."),
            _ => ValidateOptionsResult.Success,
        };
}

public sealed class BankAuthOptions
{
    public const string SectionName = "BankAuth";

    /// <summary>Largest accepted |now - t|; the contract says 300 s.</summary>
    public TimeSpan Tolerance { get; set; } = BankSignature.DefaultTolerance;

    public int MaxBodyBytes { get; set; } = 16 * 1024;
}

/// <summary>
/// Authenticates bank calls (contract: Stripe's scheme). A GET is signed over its path and query as
/// sent; anything else over the exact body bytes, so the body is read raw here, before anything parses it.
/// Every failure is the same bare 401: which part failed is never told, nor logged with the signature.
/// </summary>
internal sealed class BankSignatureFilter(
    BankDirectory banks, TimeProvider time, IOptionsMonitor<BankAuthOptions> settings, ILogger<BankSignatureFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // Bound once and again on a configuration reload, not per call.
        var options = settings.CurrentValue;
        var bank = banks.Find(http.Request.Headers[BankSignature.CodeHeader].ToString());

        byte[]? payload = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            ? Encoding.UTF8.GetBytes(RequestTarget(http))
            : await ReadBodyAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        if (payload is null)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large.");
        }

        var header = http.Request.Headers[BankSignature.SignatureHeader].ToString();
        if (bank is null || !BankSignature.Verify(header, bank.Secrets, payload, time.GetUtcNow(), options.Tolerance))
        {
            logger.LogWarning("Rejected a bank request to {Path}: bank code or signature not valid", http.Request.Path);
            return Problems.Unauthorized();
        }

        http.Items[BankRequest.ItemKey] = new BankRequest(bank.Code, payload);
        return await next(context);
    }

    /// <summary>The path and query exactly as the client sent them (escaped), which is what the bank signed.</summary>
    internal static string RequestTarget(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (!string.IsNullOrEmpty(raw) && raw.StartsWith('/'))
        {
            return raw;
        }

        return (http.Request.PathBase + http.Request.Path).ToUriComponent() + http.Request.QueryString.ToUriComponent();
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
