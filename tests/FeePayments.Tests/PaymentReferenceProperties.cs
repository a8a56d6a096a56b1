using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FeePayments.Tests;

public class PaymentReferenceProperties
{
    private const string Alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static Arbitrary<string> Bodies() =>
        Gen.Choose(1, PaymentReference.MaxBodyLength)
            .SelectMany(n => Gen.ArrayOf(Gen.Elements(Alphanumerics.ToCharArray()), n))
            .Select(chars => new string(chars))
            .ToArbitrary();

    private static Arbitrary<string> DigitBodies() =>
        Gen.Choose(2, PaymentReference.MaxBodyLength)
            .SelectMany(n => Gen.ArrayOf(Gen.Elements("0123456789".ToCharArray()), n))
            .Select(chars => new string(chars))
            .ToArbitrary();

    [Fact]
    public void The_standard_example_is_valid_and_its_neighbour_is_not()
    {
        PaymentReference.IsValid("RF18 5390 0754 7034").Should().BeTrue();
        PaymentReference.IsValid("RF18539007547034").Should().BeTrue();
        PaymentReference.IsValid("RF18539007547035").Should().BeFalse();
        PaymentReference.Create("539007547034").Should().Be("RF18539007547034");
    }

    [Theory]
    [InlineData("")]
    [InlineData("RF")]
    [InlineData("RF18")]
    [InlineData("XX18539007547034")]
    [InlineData("RFAB539007547034")]
    [InlineData("RF18-539007547034")]
    [InlineData("RF181234567890123456789012")]
    public void Malformed_references_are_rejected(string input) => PaymentReference.IsValid(input).Should().BeFalse();

    [Property(MaxTest = 1000)]
    public Property Every_generated_reference_is_valid_and_canonical() =>
        Prop.ForAll(Bodies(), body =>
        {
            var reference = PaymentReference.Create(body);
            return PaymentReference.TryNormalize(reference, out var normalized) && normalized == reference
                && reference == reference.ToUpperInvariant() && reference.Length == body.Length + 4;
        });

    [Property(MaxTest = 1000)]
    public Property Lookups_accept_print_format_and_lower_case() =>
        Prop.ForAll(Bodies(), body =>
        {
            var reference = PaymentReference.Create(body);
            var typed = PaymentReference.ToPrintFormat(reference).ToLowerInvariant();
            return PaymentReference.TryNormalize(typed, out var normalized) && normalized == reference;
        });

    [Property(MaxTest = 1000)]
    public Property Any_single_digit_error_is_detected() =>
        Prop.ForAll(DigitBodies(), Gen.Choose(0, 1000).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (body, at, delta) =>
        {
            var reference = PaymentReference.Create(body);
            var index = 2 + at % (reference.Length - 2); // check digits included
            var wrong = (char)('0' + (reference[index] - '0' + delta) % 10);
            var typo = reference[..index] + wrong + reference[(index + 1)..];
            return !PaymentReference.IsValid(typo);
        });

    [Property(MaxTest = 500)]
    public Property Distinct_sequence_numbers_give_distinct_valid_references() =>
        Prop.ForAll(Gen.Choose(1, int.MaxValue).ToArbitrary(), Gen.Choose(1, int.MaxValue).ToArbitrary(), (a, b) =>
        {
            var first = PaymentReference.Create(ReferenceBody.From("G2B", a));
            var second = PaymentReference.Create(ReferenceBody.From("G2B", b));
            return PaymentReference.IsValid(first) && (a == b) == (first == second);
        });

    [Fact]
    public void The_largest_sequence_number_still_fits_iso_11649() =>
        PaymentReference.IsValid(PaymentReference.Create(ReferenceBody.From("G2B", long.MaxValue))).Should().BeTrue();
}
