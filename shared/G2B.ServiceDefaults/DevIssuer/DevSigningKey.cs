using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace G2B.ServiceDefaults;

/// <summary>
/// The development issuer's RSA key. Persisted to a file when configured so tokens survive a restart
/// of the gateway (services cache the JWKS); otherwise ephemeral.
/// </summary>
public sealed class DevSigningKey : IDisposable
{
    private readonly RSA _rsa;

    public DevSigningKey(IOptions<DevIssuerOptions> options, IHostEnvironment environment)
    {
        _rsa = RSA.Create(2048);
        var path = options.Value.KeyPath;
        if (!string.IsNullOrWhiteSpace(path))
        {
            // Relative to the content root, so the file is the same whatever directory the host starts in.
            LoadOrCreate(Path.GetFullPath(path, environment.ContentRootPath));
        }

        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        Modulus = Base64UrlEncoder.Encode(parameters.Modulus);
        Exponent = Base64UrlEncoder.Encode(parameters.Exponent);
        // RFC 7638 thumbprint: stable across restarts for the same key.
        var thumbprintInput = $"{{\"e\":\"{Exponent}\",\"kty\":\"RSA\",\"n\":\"{Modulus}\"}}";
        KeyId = Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(thumbprintInput)));
        SecurityKey = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.RsaSha256);
    }

    public string KeyId { get; }
    public string Modulus { get; }
    public string Exponent { get; }
    public RsaSecurityKey SecurityKey { get; }
    public SigningCredentials Credentials { get; }

    public void Dispose() => _rsa.Dispose();

    private void LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            _rsa.ImportFromPem(File.ReadAllText(path));
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, _rsa.ExportPkcs8PrivateKeyPem());
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
            _rsa.ImportFromPem(File.ReadAllText(path));
        }
    }
}
