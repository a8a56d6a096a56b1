using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Portal.Tests.Browser;

/// <summary>Reads a QR code image as the page shows it: the browser decodes the PNG, ZXing.Net reads the pixels.</summary>
internal static class QrImage
{
    private const string Pixels = """
        async img => {
          if (!img.complete) { await new Promise(done => img.addEventListener('load', done, { once: true })); }
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight;
          const context = canvas.getContext('2d');
          context.fillStyle = '#fff';
          context.fillRect(0, 0, canvas.width, canvas.height);
          context.drawImage(img, 0, 0);
          const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
          let binary = '';
          for (let i = 0; i < data.length; i += 8192) { binary += String.fromCharCode.apply(null, data.subarray(i, i + 8192)); }
          return { width: canvas.width, height: canvas.height, rgba: btoa(binary) };
        }
        """;

    public static async Task<string> DecodeAsync(ILocator image)
    {
        // Playwright hands back plain JSON (its deserializer needs settable properties, so no record here).
        var pixels = (await image.EvaluateAsync<System.Text.Json.JsonElement?>(Pixels))!.Value;
        var source = new RGBLuminanceSource(
            Convert.FromBase64String(pixels.GetProperty("rgba").GetString()!),
            pixels.GetProperty("width").GetInt32(),
            pixels.GetProperty("height").GetInt32(),
            RGBLuminanceSource.BitmapFormat.RGBA32);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), QrHints.PureBarcode);
        result.Should().NotBeNull("the image must be a readable QR code");
        return result.Text;
    }
}
