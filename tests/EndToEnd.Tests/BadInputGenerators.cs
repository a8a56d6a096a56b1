using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace EndToEnd.Tests;

/// <summary>FsCheck generators of hostile JSON text, values and path segments.</summary>
public static class BadInputGenerators
{
    // Letters, digits, JSON's own syntax, controls, NUL, bidi overrides, surrogates (paired and not) and emoji.
    private const string Nasty =
        "aZ09 .-_/\\\"'{}[]:,;%&=?#<>\u0000\u0001\u0007\b\f\n\r\t\u001b\u007f\u00a0\u00e9\u0130\u0131\u200b\u202e\ufeff\uffff\ud800\udc00\u0627\u4e2d";

    private static readonly Gen<char> NastyChar = Gen.Elements(Nasty.ToCharArray());

    // Every UTF-16 code unit, lone surrogates included.
    private static readonly Gen<char> AnyChar = Gen.Choose(char.MinValue, char.MaxValue).Select(c => (char)c);

    /// <summary>Whole-range values, not FsCheck's size-bounded defaults: the extremes are the point.</summary>
    private static readonly Gen<long> AnyLong =
        Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(int.MinValue, int.MaxValue), (hi, lo) => ((long)hi << 32) | (uint)lo);

    private static readonly Gen<decimal> AnyDecimal =
        Gen.Zip(AnyLong, Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(0, 28)), (bits, rest) =>
            new decimal((int)bits, (int)(bits >> 32), rest.Item1, rest.Item1 < 0, (byte)rest.Item2));

    private static readonly Gen<double> Fraction = Gen.Choose(0, 1_000_000).Select(n => n / 1_000_000.0);

    public static readonly Gen<string> Text =
        Gen.Frequency(
            (6, StringOf(NastyChar, 0, 40)),
            (1, Gen.Choose(1_000, 200_000).Select(n => new string('x', n))),
            (1, StringOf(AnyChar, 0, 30)));

    public static readonly Gen<string> Number =
        Gen.OneOf(
            AnyLong.Select(n => n.ToString(CultureInfo.InvariantCulture)),
            AnyDecimal.Select(d => d.ToString(CultureInfo.InvariantCulture)),
            AnyLong.Select(BitConverter.Int64BitsToDouble).Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            Gen.Choose(-400, 400).Select(e => $"1e{e}"),
            Gen.Constant("-0"), Gen.Constant("1E+999999999"), Gen.Constant("0.000000000000000000000000000001"));

    /// <summary>Any JSON value; as text, so numbers keep their exact spelling (exponents, 30 digits).</summary>
    public static readonly Gen<string> JsonValue = JsonValueFrom(depth: 0);

    /// <summary>A non-string JSON value: a wrong type for any text field.</summary>
    public static readonly Gen<string> NotAString = JsonValue.Where(v => !v.StartsWith('"'));

    /// <summary>JSON-looking garbage: valid values, and ones cut short or with a stray character put in.</summary>
    public static readonly Gen<string> Body = Gen.Frequency(
        (2, JsonValue),
        (2, Gen.Zip(JsonValue, Fraction, (v, at) => v[..(int)(v.Length * at)])),
        (1, Gen.Zip(JsonValue, Gen.Zip(Fraction, NastyChar), (v, stray) => v.Insert((int)(v.Length * stray.Item1), stray.Item2.ToString()))),
        (1, Text));

    /// <summary>
    /// A path segment, percent-encoded as a client would send it (and sometimes double-encoded). Never "." or "..":
    /// those are dot-segments, which the client removes (RFC 3986, 5.2.4) before anything is sent, so
    /// "/documents/." reaches the server as the list "/documents/" and is no hostile identifier.
    /// </summary>
    public static readonly Gen<string> PathSegment = Gen.Frequency(
        (4, Text.Where(t => t.Length is > 0 and < 2_000).Select(Uri.EscapeDataString)),
        (1, Text.Where(t => t.Length is > 0 and < 500).Select(t => Uri.EscapeDataString(Uri.EscapeDataString(t)))))
        .Where(s => s is not ("." or ".."));

    /// <summary>An amount that no invoice can take: zero, negative, more than two decimals, or not a plain number.</summary>
    public static readonly Gen<string> BadAmount = Gen.OneOf(
        Gen.Choose(-100_000_000, 0).Select(cents => (cents / 100m).ToString(CultureInfo.InvariantCulture)),
        Gen.Zip(Gen.Choose(0, 100_000), Gen.Zip(Gen.Choose(1, 9), Gen.Choose(3, 12)),
            (units, tail) => $"{units}.{new string('0', tail.Item2 - 1)}{tail.Item1}"),
        Gen.Choose(1, 100_000).Select(n => $"\"{n}.00\""),
        Gen.Choose(400, 100_000).Select(e => $"1e{e}"),
        Gen.Elements("NaN", "Infinity", "-0.00", "00.5", "+5", ".5"));

    /// <summary>A currency that is not three ASCII capital letters, or is the right one in lower case.</summary>
    public static readonly Gen<string> BadCurrency = Gen.OneOf(
        StringOf(CharRange('A', 'Z'), 4, 8),
        StringOf(CharRange('A', 'Z'), 0, 2),
        StringOf(CharRange('a', 'z'), 3, 3),
        StringOf(NastyChar, 3, 3));

    /// <summary>An ISO 11649-shaped reference whose MOD 97-10 check fails.</summary>
    public static readonly Gen<string> BadReference =
        Gen.Zip(Gen.Choose(0, 99), StringOf(Gen.Elements("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray()), 1, 21),
                (check, body) => $"RF{check:00}{body}")
            .Where(r => !Mod97Valid(r));

    /// <summary>
    /// <paramref name="count"/> values drawn from one seed: the same list every run with that seed,
    /// so a failure report that names the seed and sample index reproduces.
    /// </summary>
    public static IReadOnlyList<T> Samples<T>(Gen<T> gen, ulong seed, int count) => Gen.Sample(gen, count, new Rnd(seed), size: 100);

    public static string Quote(string text) => JsonSerializer.Serialize(text);

    public static bool Mod97Valid(string reference)
    {
        var rearranged = reference[4..] + reference[..4];
        var digits = new StringBuilder();
        foreach (var c in rearranged)
        {
            digits.Append(char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture));
        }

        var remainder = 0;
        foreach (var d in digits.ToString())
        {
            remainder = (remainder * 10 + (d - '0')) % 97;
        }

        return remainder == 1;
    }

    private static Gen<string> JsonValueFrom(int depth)
    {
        var leaf = Gen.OneOf(Gen.Elements("null", "true", "false"), Number, Text.Select(Quote));
        if (depth >= 3)
        {
            return leaf;
        }

        var inner = JsonValueFrom(depth + 1);
        var key = Gen.OneOf(
            Text,
            Gen.Elements("reason", "approve", "legalName", "taxId", "address", "activityCodes", "registrationNumber",
                "licenceType", "paymentReference", "amount", "currency", "bankTransactionId", "paidAt", "subject", "role",
                "message", "grounds", "documentIds", "contactEmail", "preferredLanguage", "kind"));
        return Gen.Frequency(
            (4, leaf),
            (1, ArrayOf(inner, 0, 4).Select(items => $"[{string.Join(',', items)}]")),
            (2, ArrayOf(Gen.Zip(key, inner), 0, 6)
                .Select(props => "{" + string.Join(',', props.Select(p => $"{Quote(p.Item1)}:{p.Item2}")) + "}")));
    }

    private static Gen<char> CharRange(char from, char to) => Gen.Choose(from, to).Select(c => (char)c);

    private static Gen<T[]> ArrayOf<T>(Gen<T> item, int min, int max) => Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(item, n));

    private static Gen<string> StringOf(Gen<char> chars, int min, int max) => ArrayOf(chars, min, max).Select(c => new string(c));
}
