using System.Net.Http.Json;
using System.Text.Json;

namespace G2B.Journey;

/// <summary>What a bank did with a payment reference: the bill it found and the suite's answer to its confirmation.</summary>
public sealed record BankPayment(
    string PaymentReference, decimal Amount, string Currency, string PayeeName, string BankTransactionId, PaymentAnswer Answer);

/// <summary>A way for the business to pay a bill at its bank.</summary>
public interface IPaymentChannel
{
    string Name { get; }

    Task<BankPayment> PayAsync(string paymentReference, CancellationToken ct = default);
}

/// <summary>
/// Pays through the demo bank's teller endpoint (<c>POST /pay</c>), which looks the bill up and
/// confirms it with signed calls to the gateway, as a real bank integration would.
/// </summary>
public sealed class DemoBankTeller(HttpClient demoBank) : IPaymentChannel
{
    public string Name => $"demo bank at {demoBank.BaseAddress}";

    public async Task<BankPayment> PayAsync(string paymentReference, CancellationToken ct = default)
    {
        using var response = await demoBank.PostAsJsonAsync("/pay", new { paymentReference }, SuiteApi.Json, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new SuiteApiException(response.StatusCode, body, "POST /pay at the demo bank");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var bill = root.GetProperty("bill");
        if (bill.GetProperty("status").GetInt32() != 200 || !root.TryGetProperty("confirmation", out var confirmation)
            || confirmation.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"The demo bank could not pay {paymentReference}: {body}");
        }

        var billBody = bill.GetProperty("body");
        var answerBody = confirmation.GetProperty("body");
        var status = answerBody.ValueKind == JsonValueKind.Object && answerBody.TryGetProperty("status", out var s)
            && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var type = answerBody.ValueKind == JsonValueKind.Object && answerBody.TryGetProperty("type", out var t)
            && t.ValueKind == JsonValueKind.String ? t.GetString()?.Split('/').Last() : null;
        return new BankPayment(
            paymentReference,
            billBody.GetProperty("amount").GetDecimal(),
            billBody.GetProperty("currency").GetString()!,
            billBody.GetProperty("payeeName").GetString()!,
            root.GetProperty("bankTransactionId").GetString()!,
            new PaymentAnswer(status, type, confirmation.GetProperty("status").GetInt32()));
    }
}
