using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using G2B.VerifyCredential;

// verify-credential --jwks jwks.json --credential credential.jwt|-|<jwt> [--issuer URL] [--at ISO-8601]
// Exit code: 0 genuine and within validity, 1 not, 2 usage error.
Option<FileInfo> jwks = new("--jwks") { Description = "The issuer's cached JWKS file.", Required = true };
Option<string> credential = new("--credential") { Description = "A file, - for standard input, or the credential itself.", Required = true };
Option<string?> issuer = new("--issuer") { Description = "The issuer the credential must name." };
Option<DateTimeOffset?> at = new("--at")
{
    Description = "The instant to judge validity at (ISO 8601; now by default).",
    CustomParser = result => DateTimeOffset.TryParse(result.Tokens.Single().Value, CultureInfo.InvariantCulture, out var value)
        ? value : Refuse(result, "--at needs an ISO 8601 instant."),
};
jwks.AcceptExistingOnly();
var command = new RootCommand("Verifies a licence credential offline: a cached JWKS file and the credential, no network.")
{
    jwks, credential, issuer, at,
};

command.SetAction(async result =>
{
    var credentialArg = result.GetValue(credential)!;
    var text = credentialArg == "-" ? await Console.In.ReadToEndAsync()
        : File.Exists(credentialArg) ? await File.ReadAllTextAsync(credentialArg) : credentialArg;
    var verdict = await OfflineVerifier.VerifyAsync(
        await File.ReadAllTextAsync(result.GetValue(jwks)!.FullName), text, result.GetValue(at) ?? DateTimeOffset.UtcNow, result.GetValue(issuer));
    Console.WriteLine(JsonSerializer.Serialize(verdict, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    return verdict.SignatureValid && verdict.WithinValidity ? 0 : 1;
});
var parsed = command.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, parsed.Errors.Select(e => e.Message).Append("See --help.")));
    return 2;
}

return await parsed.InvokeAsync();

static DateTimeOffset? Refuse(System.CommandLine.Parsing.ArgumentResult result, string why)
{
    result.AddError(why);
    return null;
}
