using System.Buffers;
using System.Security.Cryptography;
using Npgsql;

namespace LicenceApplications.Api.Documents;

public enum UploadProblem
{
    TooLarge,
    NotRecognised,
    Empty,
}

/// <summary>
/// Documents in PostgreSQL, as rows of at most <see cref="ChunkSize"/> bytes: written while the upload
/// is read and read while the download is written, so memory holds one chunk per request whatever the
/// file's size. The bytes share the database's transactions, backups and replication, and every
/// replica of the service sees them without a shared volume (see docs/architecture.md).
/// </summary>
public sealed class DocumentStore(LicenceApplicationsDbContext db, TimeProvider time)
{
    public const int ChunkSize = 256 * 1024;

    /// <summary>Whether <paramref name="application"/> takes documents now: until it is settled, or rejected and not yet appealed.</summary>
    public static bool Accepts(LicenceApplication application) =>
        ApplicationStateMachine.IsPending(application.Status)
        || application is { Status: ApplicationStatus.Rejected, AppealedAt: null };

    public Task<List<ApplicationDocument>> ListAsync(Guid applicationId, CancellationToken ct) =>
        db.Documents.AsNoTracking().Where(d => d.ApplicationId == applicationId).OrderBy(d => d.UploadedAt).ThenBy(d => d.Id).ToListAsync(ct);

    public Task<ApplicationDocument?> FindAsync(Guid applicationId, Guid documentId, CancellationToken ct) =>
        db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.ApplicationId == applicationId && d.Id == documentId, ct);

    /// <summary>
    /// Starts an upload in its own transaction, serialised per application (an advisory lock) so the
    /// count limit holds under concurrent uploads. Null when the application already has the most documents.
    /// </summary>
    public async Task<DocumentUpload?> BeginAsync(Guid applicationId, string fileName, string uploadedBy, CancellationToken ct)
    {
        // Its own connection: a streamed body cannot be replayed, so EF's retrying strategy must not wrap it.
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        var tx = await connection.BeginTransactionAsync(ct);
        var upload = new DocumentUpload(connection, tx, new ApplicationDocument
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), ApplicationId = applicationId, FileName = fileName,
            UploadedBy = uploadedBy, UploadedAt = time.GetUtcNow(),
        });
        if (!await upload.StartAsync(ct))
        {
            await upload.DisposeAsync();
            return null;
        }

        return upload;
    }

    /// <summary>Copies the document's chunks, in order, to <paramref name="destination"/>.</summary>
    public async Task CopyToAsync(Guid documentId, Stream destination, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT data FROM document_chunks WHERE document_id = @id ORDER BY seq", connection);
        command.Parameters.AddWithValue("id", documentId);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            await using var chunk = await reader.GetStreamAsync(0, ct);
            await chunk.CopyToAsync(destination, ct);
        }
    }
}

/// <summary>One upload in progress; disposing it without <see cref="CompleteAsync"/> rolls everything back.</summary>
public sealed class DocumentUpload(NpgsqlConnection connection, NpgsqlTransaction tx, ApplicationDocument document) : IAsyncDisposable
{
    public ApplicationDocument Document => document;

    internal async Task<bool> StartAsync(CancellationToken ct)
    {
        await ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('documents:' || @application::text, 0))", ct);
        var count = (long)(await Command("SELECT count(*) FROM application_documents WHERE application_id = @application")
            .ExecuteScalarAsync(ct))!;
        if (count >= ApplicationDocument.MaxPerApplication)
        {
            return false;
        }

        // Written first (the chunks refer to it) and completed once the bytes are in.
        await ExecuteAsync("""
            INSERT INTO application_documents (id, application_id, kind, file_name, content_type, size, sha256, uploaded_by, uploaded_at)
            VALUES (@id, @application, @kind, @name, '', 0, '', @by, @at)
            """, ct);
        return true;
    }

    /// <summary>Streams the file into chunks, hashing and counting as it goes. Null when it was stored whole.</summary>
    public async Task<UploadProblem?> WriteAsync(Stream content, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(DocumentStore.ChunkSize);
        try
        {
            var sequence = 0;
            while (await FillAsync(content, buffer, ct) is var read and > 0)
            {
                if (sequence == 0 && FileSignatures.Recognise(buffer.AsSpan(0, Math.Min(read, FileSignatures.Length))) is { } type)
                {
                    document.ContentType = type;
                }
                else if (sequence == 0)
                {
                    return UploadProblem.NotRecognised;
                }

                document.Size += read;
                if (document.Size > ApplicationDocument.MaxSize)
                {
                    return UploadProblem.TooLarge;
                }

                hash.AppendData(buffer, 0, read);
                await using var insert = Command("INSERT INTO document_chunks (document_id, seq, data) VALUES (@id, @seq, @data)");
                insert.Parameters.AddWithValue("seq", sequence++);
                insert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("data", buffer.AsMemory(0, read)));
                await insert.ExecuteNonQueryAsync(ct);
            }

            document.Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            return sequence == 0 ? UploadProblem.Empty : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task CompleteAsync(string kind, CancellationToken ct)
    {
        document.Kind = kind;
        await using var update = Command("""
            UPDATE application_documents SET kind = @kind, content_type = @type, size = @size, sha256 = @sha WHERE id = @id
            """);
        update.Parameters.AddWithValue("type", document.ContentType);
        update.Parameters.AddWithValue("size", document.Size);
        update.Parameters.AddWithValue("sha", document.Sha256);
        await update.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await tx.DisposeAsync();
        await connection.DisposeAsync();
    }

    /// <summary>Reads until the buffer is full or the content ends, so chunks are full-sized and the first holds the signature.</summary>
    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < DocumentStore.ChunkSize && await content.ReadAsync(buffer.AsMemory(total, DocumentStore.ChunkSize - total), ct) is var read and > 0)
        {
            total += read;
        }

        return total;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A command in the upload's transaction with the document's own values bound (each statement names those it uses).</summary>
    private NpgsqlCommand Command(string sql)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        command.Parameters.AddWithValue("id", document.Id);
        command.Parameters.AddWithValue("application", document.ApplicationId);
        command.Parameters.AddWithValue("kind", document.Kind);
        command.Parameters.AddWithValue("name", document.FileName);
        command.Parameters.AddWithValue("by", document.UploadedBy);
        command.Parameters.AddWithValue("at", document.UploadedAt);
        return command;
    }
}
