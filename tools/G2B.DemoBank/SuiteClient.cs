using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2B.BankSignatures;
using Microsoft.Extensions.Options;

namespace G2B.DemoBank;

/// <summary>What the suite answered: its status code and body, passed on as they are.</summary>
public sealed record SuiteAnswer(int Status, JsonElement? Body);

public sealed record PayResult(SuiteAnswer Bill, SuiteAnswer? Confirmation, string? BankTransactionId);

/// <summary>
/// Calls the suite's bank endpoints through the gateway the way a bank integration would: every
/// request signed (GET over path and query, POST over the exact body bytes).
/// </summary>
public sealed class SuiteClient(HttpClient http, TransactionStore store, TimeProvider time, IOptions<DemoBankOptions> options)
{
    public static HttpClient CreateHttpClient(DemoBankOptions options, TimeProvider time, HttpMessageHandler? inner = null) =>
        new(new BankSigningHandler(options.BankCode, () => options.Secret, time) { InnerHandler = inner ?? new HttpClientHandler() })
        {
            BaseAddress = options.GatewayUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public async Task<SuiteAnswer> GetBillAsync(string paymentReference, CancellationToken ct)
    {
        var compact = paymentReference.Replace(" ", string.Empty, StringComparison.Ordinal);
        using var response = await http.GetAsync($"/bank/v1/bills/{Uri.EscapeDataString(compact)}", ct);
        return await AnswerAsync(response, ct);
    }

    /// <summary>Looks the bill up, takes the money (books the transaction), then confirms it to the suite.</summary>
    public async Task<PayResult> PayAsync(string paymentReference, CancellationToken ct)
    {
        var bill = await GetBillAsync(paymentReference, ct);
        if (bill.Status != 200 || bill.Body is not { } body || body.GetProperty("status").GetString() != "Open")
        {
            return new PayResult(bill, null, null);
        }

        var now = time.GetUtcNow();
        var transaction = new BankTransaction(
            body.GetProperty("paymentReference").GetString()!,
            body.GetProperty("amount").GetDecimal(),
            body.GetProperty("currency").GetString()!,
            $"{options.Value.BankCode}-{Guid.CreateVersion7():N}",
            // Microseconds: what PostgreSQL keeps, so reconciliation cursors compare exactly.
            new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero));
        store.Add(transaction);

        SuiteAnswer confirmation;
        try
        {
            using var response = await http.PostAsJsonAsync("/bank/v1/payments", transaction, ct);
            confirmation = await AnswerAsync(response, ct);
        }
        catch (HttpRequestException)
        {
            // The money is taken; reconciliation will tell the suite.
            return new PayResult(bill, new SuiteAnswer(0, null), transaction.BankTransactionId);
        }

        if (confirmation.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.UnprocessableEntity)
        {
            store.Remove(transaction.BankTransactionId);
        }

        return new PayResult(bill, confirmation, transaction.BankTransactionId);
    }

    private static async Task<SuiteAnswer> AnswerAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonElement? body = null;
        try
        {
            body = string.IsNullOrWhiteSpace(text) ? null : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            body = JsonDocument.Parse(JsonSerializer.Serialize(text)).RootElement.Clone();
        }

        return new SuiteAnswer((int)response.StatusCode, body);
    }
}
