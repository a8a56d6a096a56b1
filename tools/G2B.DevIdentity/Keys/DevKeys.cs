using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace G2B.DevIdentity;

/// <summary>
/// The provider's two RSA keys: one signs every token (published in the JWKS), one encrypts what only the
/// provider reads back (authorization codes, refresh tokens). Persisted when a key folder is configured, so
/// tokens and the services' cached JWKS survive a restart of the provider; otherwise they live in memory.
/// The RSA objects are never disposed: IdentityModel caches signature providers process-wide by key id, so a
/// disposed key would break verification by any other host in the process (a restarted provider in a test).
/// </summary>
public sealed class DevKeys
{
    public const string SigningFile = "signing-key.pem";
    public const string EncryptionFile = "encryption-key.pem";

    public DevKeys(IOptions<DevIdentityOptions> options, IHostEnvironment environment)
    {
        var directory = options.Value.KeyDirectory;
        // Relative to the content root, so the files are the same whatever directory the host starts in.
        var folder = string.IsNullOrWhiteSpace(directory) ? null : Path.GetFullPath(directory, environment.ContentRootPath);
        var signing = LoadOrCreate(folder, SigningFile);
        var encryption = LoadOrCreate(folder, EncryptionFile);

        SigningKey = new RsaSecurityKey(signing) { KeyId = Thumbprint(signing) };
        SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256);
        EncryptionCredentials = new EncryptingCredentials(
            new RsaSecurityKey(encryption) { KeyId = Thumbprint(encryption) },
            SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512);
    }

    public RsaSecurityKey SigningKey { get; }

    public SigningCredentials SigningCredentials { get; }

    public EncryptingCredentials EncryptionCredentials { get; }

    // RFC 7638 thumbprint: the same key id after every restart for the same key.
    private static string Thumbprint(RSA rsa)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var input = $"{{\"e\":\"{Base64UrlEncoder.Encode(parameters.Exponent)}\",\"kty\":\"RSA\",\"n\":\"{Base64UrlEncoder.Encode(parameters.Modulus)}\"}}";
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(input)));
    }

    private static RSA LoadOrCreate(string? folder, string file)
    {
        var rsa = RSA.Create(2048);
        if (folder is null)
        {
            return rsa;
        }

        var path = Path.Combine(folder, file);
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
            return rsa;
        }

        Directory.CreateDirectory(folder);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, rsa.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            // Two processes starting together: the first rename wins, the loser reads the winner's key.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            rsa.ImportFromPem(File.ReadAllText(path));
        }

        return rsa;
    }
}
