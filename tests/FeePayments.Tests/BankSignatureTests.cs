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

    private static string V1(string secret) => BankSignature.ComputeHex(secret, Now.ToUnixTimeSeconds(), Body);

    [Fact]
    public void No_secret_verifies_nothing() =>
        BankSignature.Verify(BankSignature.CreateHeader("secret", Now, Body), [], Body, Now, Tolerance).Should().BeFalse();

    [Theory]
    [InlineData(7, true)]
    [InlineData(8, false)]
    public void At_most_eight_v1_entries_are_read(int decoys, bool valid)
    {
        // The matching entry comes last, so it counts only if the whole header is accepted.
        var header = $"t={Now.ToUnixTimeSeconds()}" + string.Concat(Enumerable.Repeat(",v1=" + V1("decoy"), decoys)) + ",v1=" + V1("secret");
        BankSignature.Verify(header, ["secret"], Body, Now, Tolerance).Should().Be(valid);
    }

    [Theory]
    [InlineData(2048, true)]
    [InlineData(2049, false)]
    public void Headers_longer_than_2048_characters_fail(int length, bool valid)
    {
        var signed = $"t={Now.ToUnixTimeSeconds()},v1={V1("secret")},v0=";
        var header = signed + new string('a', length - signed.Length);
        BankSignature.Verify(header, ["secret"], Body, Now, Tolerance).Should().Be(valid);
    }

    [Fact]
    public void Other_schemes_and_spaces_after_commas_are_ignored()
    {
        var t = Now.ToUnixTimeSeconds();
        BankSignature.Verify($"t={t}, v0=xyz, v1={V1("secret")}", ["secret"], Body, Now, Tolerance).Should().BeTrue();
        BankSignature.Verify($"v0=xyz,t={t},v1={V1("secret")}", ["secret"], Body, Now, Tolerance).Should().BeTrue();
    }

    [Theory]
    [InlineData("=x")]
    [InlineData("v1")]
    [InlineData("t=1800000000")]
    [InlineData("v1=abc")]
    [InlineData("v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    public void A_part_without_a_key_or_with_a_bad_value_fails_the_whole_header(string bad)
    {
        // Before and after a matching v1: a bad part anywhere fails, whatever was read before it.
        var t = Now.ToUnixTimeSeconds();
        BankSignature.Verify($"t={t},{bad},v1={V1("secret")}", ["secret"], Body, Now, Tolerance).Should().BeFalse();
        BankSignature.Verify($"t={t},v1={V1("secret")},{bad}", ["secret"], Body, Now, Tolerance).Should().BeFalse();
    }

    [Fact]
    public void The_same_matching_v1_twice_still_passes() =>
        BankSignature.Verify($"t={Now.ToUnixTimeSeconds()},v1={V1("secret")},v1={V1("secret")}", ["secret"], Body, Now, Tolerance)
            .Should().BeTrue();

    [Fact]
    public void A_header_without_t_fails_even_when_its_v1_matches_timestamp_zero()
    {
        var epoch = DateTimeOffset.UnixEpoch;
        BankSignature.Verify($"v1={BankSignature.ComputeHex("secret", 0, Body)}", ["secret"], Body, epoch, Tolerance).Should().BeFalse();
        BankSignature.Verify($"t=0,v1={BankSignature.ComputeHex("secret", 0, Body)}", ["secret"], Body, epoch, Tolerance).Should().BeTrue();
    }

    [Fact]
    public void A_signed_timestamp_is_digits_only()
    {
        var t = Now.ToUnixTimeSeconds();
        BankSignature.Verify($"t=+{t},v1={V1("secret")}", ["secret"], Body, Now, Tolerance).Should().BeFalse();
    }

    [Fact]
    public void The_signature_covers_the_timestamp()
    {
        var header = $"t={Now.ToUnixTimeSeconds() + 1},v1={V1("secret")}";
        BankSignature.Verify(header, ["secret"], Body, Now, Tolerance).Should().BeFalse();
    }
}
