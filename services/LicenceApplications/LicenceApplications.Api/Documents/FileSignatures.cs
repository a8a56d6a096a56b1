namespace LicenceApplications.Api.Documents;

/// <summary>
/// Recognises the accepted file types by their first bytes (magic numbers), never by a name or a
/// declared Content-Type, both of which the sender chooses.
/// </summary>
public static class FileSignatures
{
    /// <summary>Enough bytes to tell every accepted type apart.</summary>
    public const int Length = 8;

    private static readonly (string ContentType, byte[] Signature)[] Known =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
    ];

    /// <summary>The content type the bytes begin like, or null for anything else.</summary>
    public static string? Recognise(ReadOnlySpan<byte> start)
    {
        foreach (var (contentType, signature) in Known)
        {
            if (start.StartsWith(signature))
            {
                return contentType;
            }
        }

        return null;
    }
}
