using System.Globalization;
using System.Resources;
using LicenceApplications.Api.Credentials;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using QRCoder;

namespace LicenceApplications.Api.Certificates;

/// <summary>One A4 page: the licence facts in the reader's language and a QR code with the verification URL.</summary>
public static class CertificatePdf
{
    public static readonly string[] Languages = ["en", "tk", "ru"];
    private static readonly ResourceManager Text = new("LicenceApplications.Api.Certificates.CertificateText", typeof(CertificatePdf).Assembly);

    public static byte[] Render(LicenceFacts facts, string issuer, string verificationUrl, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        string T(string name) => Text.GetString(name, culture) ?? name;
        var licence = facts.Licence;

        using var document = new PdfDocument();
        document.Info.Title = $"{T("Title")} {licence.LicenceNumber}";
        document.Info.Author = issuer;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(DejaVuFontResolver.Family, 22, XFontStyleEx.Bold);
            var label = new XFont(DejaVuFontResolver.Family, 10, XFontStyleEx.Regular);
            var value = new XFont(DejaVuFontResolver.Family, 13, XFontStyleEx.Bold);
            var small = new XFont(DejaVuFontResolver.Family, 9, XFontStyleEx.Regular);
            double left = XUnit.FromMillimeter(25).Point, width = page.Width.Point - 2 * left, y = XUnit.FromMillimeter(30).Point;

            gfx.DrawString(T("Title"), title, XBrushes.Black, new XRect(left, y, width, 30), XStringFormats.TopLeft);
            y += 50;
            var rows = new (string Label, string Value)[]
            {
                (T("LicenceNumber"), licence.LicenceNumber),
                (T("Holder"), facts.HolderLegalName),
                (T("RegistrationNumber"), licence.RegistrationNumber),
                (T("LicenceType"), $"{facts.LicenceTypeName} ({licence.LicenceType})"),
                (T("ValidFrom"), licence.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                (T("ValidUntil"), licence.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                (T("IssuedAt"), licence.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                (T("Status"), T($"Status{licence.Status}")),
                (T("Issuer"), issuer),
            };
            foreach (var (name, text) in rows)
            {
                gfx.DrawString(name, label, XBrushes.DimGray, new XRect(left, y, width, 14), XStringFormats.TopLeft);
                gfx.DrawString(text, value, XBrushes.Black, new XRect(left, y + 13, width, 18), XStringFormats.TopLeft);
                y += 38;
            }

            // The credential makes a dense code: printed 75 mm wide, a phone camera still resolves its modules.
            var side = XUnit.FromMillimeter(75).Point;
            var qrTop = y + 10;
            using (var image = XImage.FromStream(new MemoryStream(QrImage(verificationUrl))))
            {
                gfx.DrawImage(image, left, qrTop, side, side);
            }

            new XTextFormatter(gfx).DrawString(T("ScanToVerify"), small, XBrushes.Black,
                new XRect(left + side + 15, qrTop, width - side - 15, side), XStringFormats.TopLeft);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>
    /// Level L error correction: the code is printed, not worn, and L keeps it as small as the URL allows.
    /// A 24-bit bitmap, not QRCoder's PNG: that PNG is 1-bit indexed, which PDFsharp 6.2's cross-platform
    /// importer refuses ("Unsupported image format"); the PDF stores the pixels losslessly either way.
    /// </summary>
    public static byte[] QrImage(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.L);
        return new BitmapByteQRCode(data).GetGraphic(4);
    }
}
