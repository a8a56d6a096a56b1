using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace LicenceApplications.Api.Applications;

/// <summary>A creating POST's answer: the new application, or the stored answer to the first request with the same key.</summary>
public sealed record Creation(LicenceApplication? Application, IdempotencyRecord? Replay);

/// <summary>How long a stored answer is replayed (configuration <c>Idempotency:Retention</c>, 24 h by default).</summary>
public sealed class IdempotencySettings
{
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// The contract's Idempotency-Key for the POSTs that create an application (submission, renewal): the
/// first successful answer is stored in the same transaction as the application, and same-key
/// requests are serialised by an advisory lock so concurrent retries replay that answer instead of
/// racing to create a second one.
/// </summary>
public sealed class IdempotentCreation(LicenceApplicationsDbContext db, TimeProvider time, IdempotencySettings settings)
{
    public static readonly Refusal DuplicateApplication = Refusal.Conflict("duplicate-application",
        "An open application of this type exists.", "The company already has an open application for this licence type.");

    public static readonly Refusal DuplicateRenewal = Refusal.Conflict("duplicate-application",
        "An open application of this type exists.", "A renewal of this licence is already open.");

    public static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));

    /// <summary>The stored answer for this key, a refusal when the key came with another request, or null.</summary>
    public async Task<Outcome<Creation>?> FindReplayAsync(string subject, string? key, string requestHash, CancellationToken ct)
    {
        if (key is null)
        {
            return null;
        }

        var notBefore = time.GetUtcNow() - settings.Retention;
        var record = await StoredAnswer(db, subject, key, notBefore, ct);
        if (record is null)
        {
            return null;
        }

        return record.RequestHash == requestHash
            ? new Creation(null, record)
            : Refusal.Conflict("idempotency-key-reuse", "The Idempotency-Key was used with a different request.",
                "Use a new key for a different request.");
    }

    // Asked on every submission with a key (twice when it creates): compiled once, as ApplicationCommands.LoadAsync is.
    private static readonly Func<LicenceApplicationsDbContext, string, string, DateTimeOffset, CancellationToken, Task<IdempotencyRecord?>> StoredAnswer =
        EF.CompileAsyncQuery((LicenceApplicationsDbContext db, string subject, string key, DateTimeOffset notBefore, CancellationToken ct) =>
            db.IdempotencyRecords.AsNoTracking().FirstOrDefault(r => r.OwnerSubject == subject && r.Key == key && r.CreatedAt > notBefore));

    /// <summary>Runs <paramref name="create"/> (which adds the application and its events) and saves it with the key's answer.</summary>
    public Task<Outcome<Creation>> CreateAsync(
        string subject, string? key, string requestHash,
        Func<DateTimeOffset, CancellationToken, Task<Outcome<LicenceApplication>>> create, CancellationToken ct)
    {
        // The database is configured with a retrying strategy, which wants explicit transactions wrapped.
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(token => CreateOnceAsync(subject, key, requestHash, create, token), ct);
    }

    private async Task<Outcome<Creation>> CreateOnceAsync(
        string subject, string? key, string requestHash,
        Func<DateTimeOffset, CancellationToken, Task<Outcome<LicenceApplication>>> create, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (key is not null)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({subject + "\n" + key}, 0))", ct);
            if (await FindReplayAsync(subject, key, requestHash, ct) is { } replay)
            {
                return replay;
            }

            // An expired record gives the key back to its owner.
            await db.IdempotencyRecords.Where(r => r.OwnerSubject == subject && r.Key == key).ExecuteDeleteAsync(ct);
        }

        var created = await create(now, ct);
        if (created.Value is not { } application)
        {
            return created.Refusal!;
        }

        if (key is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                OwnerSubject = subject, Key = key, RequestHash = requestHash, ResponseStatus = StatusCodes.Status201Created,
                ResponseBody = JsonSerializer.Serialize(ApplicationResponse.From(application, now), JsonSerializerOptions.Web),
                ResponseLocation = LocationOf(application), CreatedAt = now,
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ux_applications_open_per_type" or "ux_applications_open_renewal",
        } unique)
        {
            return unique.ConstraintName == "ux_applications_open_renewal" ? DuplicateRenewal : DuplicateApplication;
        }

        return new Creation(application, null);
    }

    public static string LocationOf(LicenceApplication application) => $"/api/applications/{application.Id}";
}
