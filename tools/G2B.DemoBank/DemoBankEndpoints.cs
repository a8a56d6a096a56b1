using System.Globalization;
using System.Text;
using G2B.BankSignatures;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace G2B.DemoBank;

public sealed record PayRequest(string? PaymentReference);

public sealed record TransactionsPage(IReadOnlyList<BankTransaction> Items, DateTimeOffset? Next);

public static class DemoBankEndpoints
{
    public static WebApplication MapDemoBank(this WebApplication app)
    {
        // The runner waits on it, as on every process of tye.yaml.
        app.MapHealthChecks("/healthz");

        // The contract's bank API, called by the suite's reconciliation job.
        app.MapGet("/v1/transactions", GetTransactions);

        // Operator endpoints: what a teller (or the README walkthrough) would do.
        app.MapPost("/pay", async Task<Results<Ok<PayResult>, ProblemHttpResult>> (PayRequest request, SuiteClient suite, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.PaymentReference))
            {
                return TypedResults.Problem(statusCode: 400, title: "paymentReference is required.");
            }

            try
            {
                return TypedResults.Ok(await suite.PayAsync(request.PaymentReference, ct));
            }
            catch (HttpRequestException ex)
            {
                return TypedResults.Problem(statusCode: 502, title: "The suite is not reachable.", detail: ex.Message);
            }
        });
        app.MapGet("/bills/{paymentReference}", async (string paymentReference, SuiteClient suite, CancellationToken ct) =>
            TypedResults.Ok(await suite.GetBillAsync(paymentReference, ct)));
        return app;
    }

    internal static Results<Ok<TransactionsPage>, ProblemHttpResult> GetTransactions(
        HttpContext http, string? since, int? limit, TransactionStore store, TimeProvider time, IOptions<DemoBankOptions> options)
    {
        var settings = options.Value;
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || !target.StartsWith('/'))
        {
            target = http.Request.Path.ToUriComponent() + http.Request.QueryString.ToUriComponent();
        }

        var code = http.Request.Headers[BankSignature.CodeHeader].ToString();
        var signature = http.Request.Headers[BankSignature.SignatureHeader].ToString();
        if (code != settings.BankCode || !BankSignature.Verify(signature, [settings.Secret], Encoding.UTF8.GetBytes(target),
                time.GetUtcNow(), settings.SignatureTolerance))
        {
            return TypedResults.Problem(statusCode: 401, title: "Unauthorized.");
        }

        var from = DateTimeOffset.MinValue;
        if (since is not null && !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out from))
        {
            return TypedResults.Problem(statusCode: 400, title: "since must be an ISO 8601 timestamp.");
        }

        var (items, next) = store.Page(from, Math.Clamp(limit ?? 100, 1, 500));
        return TypedResults.Ok(new TransactionsPage(items, next));
    }
}
