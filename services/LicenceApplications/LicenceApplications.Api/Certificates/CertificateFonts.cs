namespace LicenceApplications.Api.Certificates;

/// <summary>Installs the PDF fonts once at start; <see cref="Problem"/> says what is missing, if anything.</summary>
public sealed class CertificateFonts(IConfiguration configuration)
{
    public string? Problem { get; } = DejaVuFontResolver.Install(
        configuration["Certificate:FontDirectory"] is { Length: > 0 } dir ? dir : "/usr/share/fonts/truetype/dejavu");
}
