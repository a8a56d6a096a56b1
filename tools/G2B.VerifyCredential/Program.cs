using System.Text.Json;
using G2B.VerifyCredential;

// verify-credential --jwks jwks.json --credential credential.jwt|-|<jwt> [--issuer URL] [--at ISO-8601]
// Exit code: 0 genuine and within validity, 1 not, 2 usage error.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

if (!options.TryGetValue("--jwks", out var jwksPath) || !options.TryGetValue("--credential", out var credentialArg)
    || args.Length % 2 != 0 || !File.Exists(jwksPath))
{
    Console.Error.WriteLine("usage: verify-credential --jwks <jwks.json> --credential <file | - | jwt> [--issuer <url>] [--at <ISO 8601>]");
    return 2;
}

var credential = credentialArg == "-" ? await Console.In.ReadToEndAsync()
    : File.Exists(credentialArg) ? await File.ReadAllTextAsync(credentialArg) : credentialArg;
var at = options.TryGetValue("--at", out var atText) ? DateTimeOffset.Parse(atText, System.Globalization.CultureInfo.InvariantCulture) : DateTimeOffset.UtcNow;
var verdict = await OfflineVerifier.VerifyAsync(await File.ReadAllTextAsync(jwksPath), credential, at, options.GetValueOrDefault("--issuer"));
Console.WriteLine(JsonSerializer.Serialize(verdict, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
return verdict.SignatureValid && verdict.WithinValidity ? 0 : 1;
