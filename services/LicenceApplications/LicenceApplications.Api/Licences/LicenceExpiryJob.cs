using Microsoft.Extensions.Options;

namespace LicenceApplications.Api.Licences;

/// <summary>Configuration section <c>LicenceExpiry</c>.</summary>
public sealed class LicenceExpiryOptions
{
    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// Turns licences whose validity ended into Expired. Works in small batches claimed with
/// FOR UPDATE SKIP LOCKED, so several replicas share the work without waiting on each other, and a
/// crash loses at most one uncommitted batch (which the next pass picks up again).
/// </summary>
public sealed class LicenceExpiryJob(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<LicenceExpiryOptions> options, ILogger<LicenceExpiryJob> logger)
    : PeriodicJob(time, logger)
{
    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan Interval => options.Value.Interval;

    protected override Task RunPassAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>Expires everything due now; returns how many licences it expired.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var expired = await ExpireBatchAsync(ct);
            total += expired;
            if (expired < options.Value.BatchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            Logger.LogInformation("Expired {Count} licence(s)", total);
        }

        return total;
    }

    private async Task<int> ExpireBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LicenceApplicationsDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(token => ExpireBatchOnceAsync(db, token), ct);
    }

    private async Task<int> ExpireBatchOnceAsync(LicenceApplicationsDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = Time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // xmin is selected explicitly: it is the concurrency token and SELECT * leaves system columns out.
        var due = await db.Licences.FromSql($"""
            SELECT l.*, l.xmin FROM licences l
            WHERE l.status IN ('Active', 'Suspended') AND l.valid_until < {today}
            ORDER BY l.valid_until, l.licence_number
            LIMIT {options.Value.BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);

        foreach (var licence in due)
        {
            var reason = "validity-ended";
            var previous = licence.Expire(now);
            db.AddStatusChanged(licence, previous, reason, now);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due.Count;
    }
}
