using System.Net.Http.Json;
using System.Text.Json;
using G2B.BankSignatures;

namespace G2B.Journey;

/// <summary>
/// A participating bank calling the suite's bank endpoints through the gateway, every request
/// signed as the contract says.
/// </summary>
public sealed class BankApi : IPaymentChannel
{
    private readonly HttpClient _http;
    private readonly string _bankCode;

    public BankApi(Uri gateway, string bankCode, string secret, TimeProvider? time = null, TimeSpan? timeout = null)
    {
        _bankCode = bankCode;
        var signer = new BankSigningHandler(bankCode, () => secret, time ?? TimeProvider.System)
        {
            InnerHandler = new SocketsHttpHandler(),
        };
        _http = new HttpClient(signer) { BaseAddress = gateway };
        if (timeout is { } t)
        {
            _http.Timeout = t;
        }
    }

    public string Name => $"bank {_bankCode} (signed calls)";

    /// <summary>Looks the bill up and confirms a payment of its amount under a fresh transaction id.</summary>
    public async Task<BankPayment> PayAsync(string paymentReference, CancellationToken ct = default)
    {
        var bill = await GetBillAsync(paymentReference, ct)
            ?? throw new InvalidOperationException($"The bank found no bill {paymentReference}.");
        var transactionId = $"TX-{System.Security.Cryptography.RandomNumberGenerator.GetHexString(12)}";
        var answer = await ConfirmAsync(
            new PaymentConfirmation(paymentReference, bill.Amount, bill.Currency, transactionId, DateTimeOffset.UtcNow), ct);
        return new BankPayment(paymentReference, bill.Amount, bill.Currency, bill.PayeeName, transactionId, answer);
    }

    public async Task<Bill?> GetBillAsync(string paymentReference, CancellationToken ct = default)
    {
        var path = $"/bank/v1/bills/{Uri.EscapeDataString(paymentReference)}";
        using var response = await _http.GetAsync(path, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new SuiteApiException(response.StatusCode, body, $"GET {path}");
        }

        try
        {
            return JsonSerializer.Deserialize<Bill>(body, SuiteApi.Json) ?? throw new JsonException("The body was JSON null.");
        }
        catch (JsonException e)
        {
            throw new SuiteApiException(response.StatusCode, $"not the expected JSON: {e.Message}", $"GET {path}", e);
        }
    }

    /// <summary>Confirms a payment; the answer carries <c>status</c> on 200 and the problem <c>type</c> slug otherwise.</summary>
    public async Task<PaymentAnswer> ConfirmAsync(PaymentConfirmation payment, CancellationToken ct = default)
    {
        using var response = await _http.PostAsJsonAsync("/bank/v1/payments", payment, SuiteApi.Json, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        string? status = null, type = null;
        if (body.Length > 0 && body.TrimStart().StartsWith('{'))
        {
            using var json = ParseAnswer(response, body);
            if (json.RootElement.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String)
            {
                status = s.GetString();
            }

            if (json.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String)
            {
                type = t.GetString()?.Split('/').Last();
            }
        }

        return new PaymentAnswer(status, type, (int)response.StatusCode);
    }

    private static JsonDocument ParseAnswer(HttpResponseMessage response, string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new SuiteApiException(response.StatusCode, $"not the expected JSON: {e.Message}", "POST /bank/v1/payments", e);
        }
    }
}
