namespace LicenceApplications.Api.Domain;

/// <summary>
/// A file attached to an application. Its bytes live in <see cref="DocumentChunk"/> rows, written and
/// read one chunk at a time, so no document is ever held whole in memory.
/// </summary>
public sealed class ApplicationDocument
{
    public const long MaxSize = 10 * 1024 * 1024;
    public const int MaxPerApplication = 20;

    /// <summary>The kind of a document that is none of the type's required documents.</summary>
    public const string OtherKind = "other";

    public Guid Id { get; init; }

    public Guid ApplicationId { get; init; }

    /// <summary>One of the type's <c>requiredDocuments</c>, or <see cref="OtherKind"/>.</summary>
    public string Kind { get; set; } = OtherKind;

    public string FileName { get; set; } = "";

    /// <summary>Recognised from the bytes (PDF, PNG, JPEG), never from the name or the declared type.</summary>
    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public string Sha256 { get; set; } = "";

    public string UploadedBy { get; init; } = "";

    public DateTimeOffset UploadedAt { get; init; }
}

/// <summary>A slice of a document's bytes; <see cref="Sequence"/> orders them.</summary>
public sealed class DocumentChunk
{
    public Guid DocumentId { get; init; }

    public int Sequence { get; init; }

    public byte[] Data { get; init; } = [];
}
