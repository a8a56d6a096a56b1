using PdfSharp.Fonts;

namespace LicenceApplications.Api.Certificates;

/// <summary>
/// PDFsharp's cross-platform build has no access to system fonts, so it is given DejaVu Sans (Debian's
/// fonts-dejavu-core): it covers Latin with the Turkmen letters (ň ž ý ş ç ä ü ö) and Cyrillic. PDFsharp's
/// resolver is process-wide and may be set only once, hence the static registration.
/// </summary>
public sealed class DejaVuFontResolver(string directory) : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans.ttf";
    private const string Bold = "DejaVuSans-Bold.ttf";
    private static readonly Lock Gate = new();

    /// <summary>Null when the fonts are there; otherwise what is missing (the certificate then answers 503).</summary>
    public static string? Install(string directory)
    {
        var missing = new[] { Regular, Bold }.Where(f => !File.Exists(Path.Combine(directory, f))).ToList();
        if (missing.Count > 0)
        {
            return $"Font file(s) {string.Join(", ", missing)} not found in {directory} (install fonts-dejavu-core or set Certificate:FontDirectory).";
        }

        lock (Gate)
        {
            GlobalFontSettings.FontResolver ??= new DejaVuFontResolver(directory);
        }

        return null;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        familyName.Equals(Family, StringComparison.OrdinalIgnoreCase) ? new FontResolverInfo(bold ? Bold : Regular) : null;

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(directory, faceName));
}
