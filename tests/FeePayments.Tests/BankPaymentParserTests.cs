using FeePayments.Api.Payments;

namespace FeePayments.Tests;

/// <summary>
/// What a bank is told about a body it got wrong: each rule names its field and says what is expected,
/// and a field that is present but wrong is never reported as missing.
/// </summary>
public class BankPaymentParserTests
{
    private const string Valid = """{"paymentReference":"RF18539007547034","amount":150.00,"currency":"TMT","bankTransactionId":"txn-1","paidAt":"2026-11-27T10:00:00Z"}""";

    private static Dictionary<string, string[]> Errors(string body)
    {
        BankPaymentParser.Parse("TESTBANK", Encoding.UTF8.GetBytes(body), PaymentSource.Callback, out var errors)
            .Should().BeNull();
        return errors;
    }

    private static string With(string field, string json) =>
        System.Text.RegularExpressions.Regex.Replace(Valid, $"\"{field}\":(\"[^\"]*\"|[0-9.]+)", $"\"{field}\":{json}");

    [Fact]
    public void A_valid_body_is_read_with_its_reference_and_time_normalised()
    {
        var body = """{"paymentReference":"rf18 5390 0754 7034","amount":150.5,"currency":"TMT","bankTransactionId":"txn-1","paidAt":"2026-11-27T12:00:00.1234567+02:00"}""";

        var payment = BankPaymentParser.Parse("TESTBANK", Encoding.UTF8.GetBytes(body), PaymentSource.Reconciliation, out var errors);

        errors.Should().BeEmpty();
        payment.Should().Be(new BankPayment("TESTBANK", "RF18539007547034", 150.50m, "TMT", "txn-1",
            DateTimeOffset.Parse("2026-11-27T10:00:00.123456Z", System.Globalization.CultureInfo.InvariantCulture), PaymentSource.Reconciliation));
    }

    [Fact]
    public void A_reference_failing_its_check_digits_is_kept_compact_and_upper_case_to_be_answered_as_unknown()
    {
        var payment = BankPaymentParser.Parse("TESTBANK", Encoding.UTF8.GetBytes(With("paymentReference", "\"rf00 garbage\"")),
            PaymentSource.Callback, out _);

        payment!.PaymentReference.Should().Be("RF00GARBAGE");
    }

    [Fact]
    public void A_time_without_an_offset_is_utc() =>
        BankPaymentParser.Parse("TESTBANK", Encoding.UTF8.GetBytes(With("paidAt", "\"2026-11-27T10:00:00\"")), PaymentSource.Callback, out _)!
            .PaidAt.Should().Be(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("{not json", "body", "The body is not valid JSON.")]
    [InlineData("""{"a":[[[[[[[[[[1]]]]]]]]]]}""", "body", "The body is not valid JSON.")]
    [InlineData("[]", "body", "The body must be a JSON object.")]
    [InlineData("""{"amount":1,"amount":2}""", "amount", "amount appears more than once.")]
    public void A_body_that_is_no_single_json_object_says_so(string body, string field, string message) =>
        Errors(body).Should().BeEquivalentTo(new Dictionary<string, string[]> { [field] = [message] });

    [Fact]
    public void Every_missing_field_is_named()
    {
        Errors("{}").Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["paymentReference"] = ["paymentReference is required."],
            ["amount"] = ["The amount is required."],
            ["currency"] = ["currency is required."],
            ["bankTransactionId"] = ["bankTransactionId is required."],
            ["paidAt"] = ["paidAt is required (ISO 8601)."],
        });
        Errors(With("paymentReference", "null")).Keys.Should().Equal("paymentReference");
        Errors(With("paymentReference", "\"  \"")).Keys.Should().Equal("paymentReference");
        Errors(With("amount", "null")).Keys.Should().Equal("amount");
        // Three blanks are as missing as none, not a badly written code.
        Errors(With("currency", "\"   \"")).Should().BeEquivalentTo(
            new Dictionary<string, string[]> { ["currency"] = ["currency is required."] });
    }

    [Theory]
    [InlineData("amount", "\"150\"", "amount must be a number.")]
    [InlineData("amount", "0", "The amount must be positive with at most two decimals.")]
    [InlineData("amount", "-0.01", "The amount must be positive with at most two decimals.")]
    [InlineData("amount", "150.001", "The amount must be positive with at most two decimals.")]
    [InlineData("paidAt", "\"yesterday\"", "paidAt must be an ISO 8601 timestamp.")]
    [InlineData("paidAt", "1800000000", "paidAt must be a string.")]
    [InlineData("currency", "5", "currency must be a string.")]
    [InlineData("currency", "\"TM\"", "The currency must be a three-letter ISO 4217 code in capitals.")]
    [InlineData("currency", "\"TMTX\"", "The currency must be a three-letter ISO 4217 code in capitals.")]
    [InlineData("currency", "\"tmt\"", "The currency must be a three-letter ISO 4217 code in capitals.")]
    [InlineData("currency", "\"TMt\"", "The currency must be a three-letter ISO 4217 code in capitals.")]
    [InlineData("currency", "\"TM1\"", "The currency must be a three-letter ISO 4217 code in capitals.")]
    [InlineData("paymentReference", "\"\\ud800\"", "paymentReference is not valid Unicode text.")]
    [InlineData("bankTransactionId", "\"txn\\u0001\"", "Control characters are not allowed.")]
    public void A_present_but_wrong_field_is_reported_as_wrong_not_missing(string field, string json, string message) =>
        Errors(With(field, json)).Should().BeEquivalentTo(new Dictionary<string, string[]> { [field] = [message] });

    [Fact]
    public void A_transaction_id_may_have_100_characters_and_a_reference_64()
    {
        var longest = With("bankTransactionId", $"\"{new string('t', 100)}\"");
        BankPaymentParser.Parse("TESTBANK", Encoding.UTF8.GetBytes(longest), PaymentSource.Callback, out _).Should().NotBeNull();
        Errors(With("bankTransactionId", $"\"{new string('t', 101)}\"")).Should().BeEquivalentTo(
            new Dictionary<string, string[]> { ["bankTransactionId"] = ["At most 100 characters."] });

        var reference = With("paymentReference", $"\"{new string('R', 64)}\"");
        BankPaymentParser.Parse("TESTBANK", Encoding.UTF8.GetBytes(reference), PaymentSource.Callback, out _).Should().NotBeNull();
        Errors(With("paymentReference", $"\"{new string('R', 65)}\"")).Should().BeEquivalentTo(
            new Dictionary<string, string[]> { ["paymentReference"] = ["The payment reference is too long."] });
    }

    [Fact]
    public void The_smallest_positive_amount_is_one_cent() =>
        BankPaymentParser.Parse("TESTBANK", Encoding.UTF8.GetBytes(With("amount", "0.01")), PaymentSource.Callback, out _)!
            .Amount.Should().Be(0.01m);
}
