using System.Globalization;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Portal.Payments;

/// <summary>
/// The payment QR code of an open invoice. In EUR it is the European Payments Council's "BCD" code
/// (EPC069-12, version 002: SEPA credit transfer with the RF reference as structured remittance), which SEPA
/// banking apps read. The EPC code is EUR-only, so other currencies (the suite's TMT) get the small text format
/// documented in docs/portal.md: the RF reference first (a participating bank's app resolves the bill by it
/// through the bank bill look-up), then the same fields as KEY=value lines.
/// </summary>
public sealed class PaymentQr(IOptions<PortalOptions> options)
{
    public const string TextFormatTag = "G2B/1";

    public string Payload(string reference, decimal amount, string currency, DateOnly? dueOn)
    {
        var payee = options.Value.Payee;
        return string.Equals(currency, "EUR", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(payee.Account)
            ? Epc(payee, reference, amount)
            : Text(payee, reference, amount, currency, dueOn);
    }

    /// <summary>EPC069-12 v002, LF-separated, UTF-8; the unused trailing elements are left out as the standard allows.</summary>
    internal static string Epc(PayeeOptions payee, string reference, decimal amount)
    {
        if (amount is < 0.01m or > 999_999_999.99m || decimal.Round(amount, 2) != amount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "An EPC amount is 0.01 to 999999999.99 with at most two decimals.");
        }

        return string.Join('\n',
            "BCD",
            "002",
            "1",
            "SCT",
            OneLine(payee.Bic ?? "", 11),
            OneLine(payee.Name, 70),
            OneLine(payee.Account.Replace(" ", ""), 34),
            "EUR" + amount.ToString("0.00", CultureInfo.InvariantCulture),
            "",
            OneLine(reference, 35));
    }

    internal static string Text(PayeeOptions payee, string reference, decimal amount, string currency, DateOnly? dueOn)
    {
        var lines = new List<string>
        {
            OneLine(reference, 35),
            TextFormatTag,
            "AMOUNT=" + amount.ToString("0.00", CultureInfo.InvariantCulture),
            "CURRENCY=" + OneLine(currency.ToUpperInvariant(), 3),
            "PAYEE=" + OneLine(payee.Name, 70),
        };
        if (!string.IsNullOrWhiteSpace(payee.Account))
        {
            lines.Add("ACCOUNT=" + OneLine(payee.Account.Replace(" ", ""), 34));
        }

        if (dueOn is { } due)
        {
            lines.Add("DUE=" + due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return string.Join('\n', lines);
    }

    /// <summary>A PNG of the code: error correction M (the EPC's choice), 6 pixels a module, quiet zone included.</summary>
    public static byte[] Png(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M, forceUtf8: true, utf8BOM: false);
        return new PngByteQRCode(data).GetGraphic(6);
    }

    // A line break inside a value would shift every element after it.
    private static string OneLine(string value, int max)
    {
        var clean = value.Replace('\r', ' ').Replace('\n', ' ').Trim();
        return clean.Length <= max ? clean : clean[..max];
    }
}
