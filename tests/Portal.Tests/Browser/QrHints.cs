using ZXing;

namespace Portal.Tests.Browser;

/// <summary>
/// How the tests read a QR code the suite drew: as a pure barcode (the generator's own pixels, unscaled, upright, with
/// their quiet zone), so the modules are sampled straight from the grid. ZXing.Net's finder-pattern detector, used
/// without this hint, misses about 2 % of such codes at random (38 of 1,800 generated verification URLs, versions
/// 11-17, ECC L and M), each of which decodes as a pure barcode to its exact text: CI met one in CertificateTests.
/// </summary>
internal static class QrHints
{
    public static readonly IDictionary<DecodeHintType, object> PureBarcode =
        new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true };
}
