using System.Globalization;
using System.Text.Json;

namespace FeePayments.Api.Payments;

/// <summary>
/// Reads a bank payment from the exact bytes that were signed (the callback body) or from a
/// reconciliation item, with field errors in the contract's shape instead of binder exceptions.
/// </summary>
public static class BankPaymentParser
{
    public const int MaxTransactionIdLength = 100;

    public static BankPayment? Parse(string bankCode, ReadOnlySpan<byte> body, PaymentSource source,
        out Dictionary<string, string[]> errors)
    {
        errors = [];
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            errors["body"] = ["The body is not valid JSON."];
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors["body"] = ["The body must be a JSON object."];
                return null;
            }

            var root = document.RootElement;
            // Two copies of a field leave the payment ambiguous; no parser's pick may decide what was paid.
            var duplicate = root.EnumerateObject().GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                errors[duplicate.Key] = [$"{duplicate.Key} appears more than once."];
                return null;
            }

            return Validate(bankCode,
                ReadString(root, "paymentReference", errors),
                ReadDecimal(root, "amount", errors),
                ReadString(root, "currency", errors),
                ReadString(root, "bankTransactionId", errors),
                ReadTime(root, "paidAt", errors),
                source, errors);
        }
    }

    /// <summary>Checks already-typed fields (reconciliation items); missing values are reported like missing JSON fields.</summary>
    public static BankPayment? Validate(string bankCode, string? reference, decimal? amount, string? currency,
        string? transactionId, DateTimeOffset? paidAt, PaymentSource source, Dictionary<string, string[]> errors)
    {
        Require(reference, "paymentReference", errors);
        Require(currency, "currency", errors);
        Require(transactionId, "bankTransactionId", errors);
        if (amount is null && !errors.ContainsKey("amount"))
        {
            errors["amount"] = ["The amount is required."];
        }
        else if (amount is { } a && (a <= 0 || a != Math.Round(a, 2)))
        {
            errors["amount"] = ["The amount must be positive with at most two decimals."];
        }

        if (paidAt is null && !errors.ContainsKey("paidAt"))
        {
            errors["paidAt"] = ["paidAt is required (ISO 8601)."];
        }

        if (currency is not null && !errors.ContainsKey("currency") && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors["currency"] = ["The currency must be a three-letter ISO 4217 code in capitals."];
        }

        if (transactionId is not null && transactionId.Length > MaxTransactionIdLength)
        {
            errors["bankTransactionId"] = [$"At most {MaxTransactionIdLength} characters."];
        }
        else if (transactionId is not null && transactionId.Any(char.IsControl))
        {
            // PostgreSQL text cannot hold NUL; other controls are no identifier either.
            errors["bankTransactionId"] = ["Control characters are not allowed."];
        }

        if (reference is not null && reference.Length > 64)
        {
            errors["paymentReference"] = ["The payment reference is too long."];
        }

        if (errors.Count > 0)
        {
            return null;
        }

        // A reference that fails its check digits cannot match an invoice: it is answered as unknown (422), not 400.
        var canonical = PaymentReference.TryNormalize(reference, out var normalized)
            ? normalized
            : reference!.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return new BankPayment(bankCode, canonical, amount!.Value, currency!.ToUpperInvariant(), transactionId!,
            BankPayment.NormalizeTime(paidAt!.Value), source);
    }

    private static void Require(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value) && !errors.ContainsKey(field))
        {
            errors[field] = [$"{field} is required."];
        }
    }

    private static string? ReadString(JsonElement root, string name, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[name] = [$"{name} must be a string."];
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON syntax but no text.
            errors[name] = [$"{name} is not valid Unicode text."];
            return null;
        }
    }

    private static decimal? ReadDecimal(JsonElement root, string name, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // Money is a JSON number parsed straight to decimal, never through a double.
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var amount))
        {
            errors[name] = [$"{name} must be a number."];
            return null;
        }

        return amount;
    }

    private static DateTimeOffset? ReadTime(JsonElement root, string name, Dictionary<string, string[]> errors)
    {
        var text = ReadString(root, name, errors);
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            errors[name] = [$"{name} must be an ISO 8601 timestamp."];
            return null;
        }

        return time;
    }
}
