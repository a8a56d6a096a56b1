using System.Text;

namespace EndToEnd.Tests;

/// <summary>One part of a multipart body, written as given: the headers and bytes a hostile client chooses.</summary>
public sealed record UploadPart(string Headers, byte[] Content)
{
    public static UploadPart File(byte[] content, string fileName = "scan.pdf", string name = "file", string contentType = "application/pdf") =>
        new($"Content-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"\r\nContent-Type: {contentType}", content);

    public static UploadPart Field(string name, string value) =>
        new($"Content-Disposition: form-data; name=\"{name}\"", Encoding.UTF8.GetBytes(value));
}

/// <summary>A hostile upload: its bytes, the Content-Type it claims, and the problem it must get.</summary>
public sealed record HostileUpload(string Name, byte[] Body, string? ContentType, int Status, string Slug, bool Chunked = false)
{
    public override string ToString() => Name;
}

/// <summary>Files and multipart bodies for the document upload, built byte by byte so they can be as broken as wanted.</summary>
public static class BadInputUploads
{
    public const string Boundary = "b0undary-bad-input";
    public const string MultipartType = $"multipart/form-data; boundary={Boundary}";
    private const int TenMegabytes = 10 * 1024 * 1024;

    public static byte[] Pdf(int size = 64) => Filled("%PDF-1.7\n"u8, size);

    public static byte[] Png(int size = 64) => Filled([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], size);

    /// <summary>A well-formed multipart body of <paramref name="parts"/>, with the closing boundary unless told otherwise.</summary>
    public static byte[] Multipart(IEnumerable<UploadPart> parts, string boundary = Boundary, bool close = true)
    {
        using var body = new MemoryStream();
        foreach (var part in parts)
        {
            body.Write(Encoding.UTF8.GetBytes($"--{boundary}\r\n{part.Headers}\r\n\r\n"));
            body.Write(part.Content);
            body.Write("\r\n"u8);
        }

        if (close)
        {
            body.Write(Encoding.UTF8.GetBytes($"--{boundary}--\r\n"));
        }

        return body.ToArray();
    }

    public static byte[] Multipart(params UploadPart[] parts) => Multipart(parts, Boundary);

    /// <summary>Uploads no application may keep, each with the problem the contract gives it.</summary>
    public static IEnumerable<HostileUpload> Refused()
    {
        var pdf = Multipart(UploadPart.File(Pdf()));
        yield return new("JSON, not multipart", "{\"file\":\"JVBERi0=\"}"u8.ToArray(), "application/json", 415, "unsupported-media-type");
        yield return new("no content type", pdf, null, 415, "unsupported-media-type");
        yield return new("multipart without a boundary", pdf, "multipart/form-data", 415, "unsupported-media-type");
        yield return new("empty boundary", pdf, "multipart/form-data; boundary=\"\"", 415, "unsupported-media-type");
        yield return new("boundary of 201 characters", Multipart([UploadPart.File(Pdf())], new string('b', 201)),
            $"multipart/form-data; boundary={new string('b', 201)}", 415, "unsupported-media-type");
        yield return new("multipart/mixed", pdf, $"multipart/mixed; boundary={Boundary}", 415, "unsupported-media-type");
        yield return new("EBCDIC charset", pdf, $"{MultipartType}; charset=ebcdic", 415, "unsupported-media-type");

        // Broken multipart: the reader gives up on these; the caller gets a 400, not the reader's exception.
        yield return new("another boundary than declared", Multipart([UploadPart.File(Pdf())], "other-boundary"), MultipartType, 400, "validation");
        yield return new("no closing boundary", Multipart([UploadPart.File(Pdf())], close: false), MultipartType, 400, "validation");
        yield return new("cut inside the file", pdf[..(pdf.Length / 2)], MultipartType, 400, "validation");
        yield return new("empty body", [], MultipartType, 400, "validation");
        yield return new("garbage body", Encoding.UTF8.GetBytes("\u0000\u00ff garbage \r\n\r\n--"), MultipartType, 400, "validation");
        yield return new("a 20 KB part header", Multipart(new UploadPart($"X-Padding: {new string('a', 20_000)}", Pdf())), MultipartType, 400, "validation");
        yield return new("17 part headers", Multipart(new UploadPart(
            string.Join("\r\n", Enumerable.Range(0, 17).Select(i => $"X-Header-{i}: {i}")), Pdf())), MultipartType, 400, "validation");

        // Well-formed multipart, wrong content.
        yield return new("no file part", Multipart(UploadPart.Field("kind", "other")), MultipartType, 400, "validation");
        yield return new("a file field without a file name", Multipart(UploadPart.Field("file", "%PDF-1.7")), MultipartType, 400, "validation");
        yield return new("zero bytes", Multipart(UploadPart.File([])), MultipartType, 400, "validation");
        yield return new("garbage named .pdf", Multipart(UploadPart.File("garbage, not a PDF"u8.ToArray())), MultipartType, 415, "unsupported-media-type");
        yield return new("PostScript declared application/pdf", Multipart(UploadPart.File("%!PS-Adobe-3.0\n"u8.ToArray())),
            MultipartType, 415, "unsupported-media-type");
        yield return new("HTML named .png", Multipart(UploadPart.File("<html><script>alert(1)</script>"u8.ToArray(), "x.png", contentType: "image/png")),
            MultipartType, 415, "unsupported-media-type");
        yield return new("two files", Multipart(UploadPart.File(Pdf()), UploadPart.File(Png(), "b.png")), MultipartType, 400, "validation");
        yield return new("21 files", Multipart(Enumerable.Range(0, 21).Select(i => UploadPart.File(Png(), $"{i}.png"))), MultipartType, 400, "validation");
        yield return new("an unknown kind", Multipart(UploadPart.Field("kind", "passport"), UploadPart.File(Pdf())), MultipartType, 400, "validation");
        yield return new("a kind with NUL", Multipart(UploadPart.Field("kind", "other\u0000"), UploadPart.File(Pdf())), MultipartType, 400, "validation");
        yield return new("a 10 KB kind", Multipart(UploadPart.Field("kind", new string('k', 10_000)), UploadPart.File(Pdf())), MultipartType, 400, "validation");

        // Sizes: the service allows 10 MiB a file, the gateway 11 MiB a request on this route only.
        yield return new("one byte over 10 MiB", Multipart(UploadPart.File(Pdf(TenMegabytes + 1))), MultipartType, 413, "payload-too-large");
        var overGateway = Multipart(UploadPart.File(Pdf(TenMegabytes + 1024 * 1024 + 1)));
        yield return new("over 11 MiB", overGateway, MultipartType, 413, "payload-too-large");
        yield return new("over 11 MiB, chunked", overGateway, MultipartType, 413, "payload-too-large", Chunked: true);
    }

    /// <summary>Bytes that differ along the file after the signature.</summary>
    private static byte[] Filled(ReadOnlySpan<byte> signature, int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)(i * 31 + i / 251);
        }

        signature[..Math.Min(signature.Length, size)].CopyTo(bytes);
        return bytes;
    }
}
