using System.Text;
using G2B.BankSignatures;

namespace FeePayments.Tests;

public class BankSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"amount\":150.00}");
    private static readonly TimeSpan Tolerance = BankSignature.DefaultTolerance;

    [Fact]
    public void Signature_is_hmac_sha256_of_timestamp_dot_body_in_lowercase_hex()
    {
        // Independently computed: printf '1800000000.{"amount":150.00}' | openssl dgst -sha256 -hmac secret
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("secret"), Encoding.UTF8.GetBytes("1800000000.{\"amount\":150.00}")));
        BankSignature.CreateHeader("secret", Now, Body).Should().Be($"t=1800000000,v1={expected}");
    }

    [Theory]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(-301, false)]
    [InlineData(301, false)]
    public void Timestamps_are_accepted_within_300_seconds_either_way(int skew, bool valid)
    {
        var header = BankSignature.CreateHeader("secret", Now.AddSeconds(skew), Body);
        BankSignature.Verify(header, ["secret"], Body, Now, Tolerance).Should().Be(valid);
    }

    [Fact]
    public void Any_matching_v1_passes_during_a_rotation()
    {
        var header = BankSignature.CreateHeader(["old", "new"], Now.ToUnixTimeSeconds(), Body);
        BankSignature.Verify(header, ["new"], Body, Now, Tolerance).Should().BeTrue();
        BankSignature.Verify(header, ["old"], Body, Now, Tolerance).Should().BeTrue();
        BankSignature.Verify(header, ["other"], Body, Now, Tolerance).Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("t=,v1=")]
    [InlineData("t=abc,v1=00")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1800000000")]
    [InlineData("t=1800000000,v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1800000000,v1=abc")]
    [InlineData("t=1800000000,t=1800000000,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    public void Malformed_headers_fail(string? header) =>
        BankSignature.Verify(header, ["secret"], Body, Now, Tolerance).Should().BeFalse();

    [Fact]
    public void A_changed_byte_fails()
    {
        var header = BankSignature.CreateHeader("secret", Now, Body);
        var tampered = Encoding.UTF8.GetBytes("{\"amount\":150.01}");
        BankSignature.Verify(header, ["secret"], tampered, Now, Tolerance).Should().BeFalse();
        BankSignature.Verify(header, ["secret"], Body, Now, Tolerance).Should().BeTrue();
    }
}
