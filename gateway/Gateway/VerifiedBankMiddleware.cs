using System.Text;
using G2B.BankSignatures;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway;

/// <summary>
/// Marks a request as coming from a bank only when its signature verifies, so that only such requests draw
/// on the bank's rate-limit bucket (<see cref="RateLimiting.CallerKey"/>). Anything else naming a bank is
/// limited by client address: a flood of unsigned or forged calls cannot lock a bank out, and invented codes
/// do not escape the anonymous limit. Nothing is refused here: fee-payments stays the authority and answers
/// the 401, so a gateway missing (or behind on) a bank's secrets only costs that bank its own bucket.
/// </summary>
public sealed class VerifiedBankMiddleware(RequestDelegate next, IConfiguration configuration, TimeProvider time)
{
    public const string BanksSection = "Banks";

    // Bank calls are small JSON documents; a larger body is never verified (and fee-payments refuses it).
    private const int MaxSignedBodyBytes = 64 * 1024;

    private static readonly object ItemKey = new();

    /// <summary>The configured spelling of the bank whose signature verified, or null.</summary>
    public static string? VerifiedBank(HttpContext context) => context.Items[ItemKey] as string;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var code = request.Headers[BankSignature.CodeHeader].ToString();
        var header = request.Headers[BankSignature.SignatureHeader].ToString();
        if (code.Length > 0 && header.Length > 0 && FindBank(code) is { } bank)
        {
            var payload = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                ? Encoding.UTF8.GetBytes(RequestTarget(context))
                : await ReadBufferedBodyAsync(request, context.RequestAborted);
            if (payload is not null
                && BankSignature.Verify(header, bank.Secrets, payload, time.GetUtcNow(), BankSignature.DefaultTolerance))
            {
                context.Items[ItemKey] = bank.Code;
            }
        }

        await next(context);
    }

    /// <summary>Case-insensitive, answering with the configured spelling so one bank has one bucket.</summary>
    private (string Code, string[] Secrets)? FindBank(string code)
    {
        var section = configuration.GetSection(BanksSection).GetChildren()
            .FirstOrDefault(s => string.Equals(s.Key, code, StringComparison.OrdinalIgnoreCase));
        var secrets = section?.GetSection("Secrets").GetChildren()
            .Select(s => s.Value).OfType<string>().Where(s => s.Length > 0).ToArray();
        return section is null || secrets is not { Length: > 0 } ? null : (section.Key, secrets);
    }

    /// <summary>What the bank signed for a GET: the path and query exactly as sent.</summary>
    private static string RequestTarget(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return !string.IsNullOrEmpty(raw) && raw.StartsWith('/')
            ? raw
            : (context.Request.PathBase + context.Request.Path).ToUriComponent() + context.Request.QueryString.ToUriComponent();
    }

    /// <summary>Reads the body into a rewindable buffer (the proxy then forwards the same bytes).</summary>
    private static async Task<byte[]?> ReadBufferedBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxSignedBodyBytes)
        {
            return null;
        }

        // Beyond the threshold the buffer goes to a temp file; Kestrel's body limit bounds it.
        request.EnableBuffering(MaxSignedBodyBytes);
        using var copy = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (copy.Length + read > MaxSignedBodyBytes)
            {
                request.Body.Position = 0;
                return null;
            }

            copy.Write(chunk, 0, read);
        }

        request.Body.Position = 0;
        return copy.ToArray();
    }
}
