using LicenceApplications.Contracts;

namespace LicenceApplications.Api.Applications;

/// <summary>The state changes of an application that people or events ask for, each saved with its events.</summary>
public sealed class ApplicationCommands(LicenceApplicationsDbContext db, TimeProvider time)
{
    private const int MaxCommandAttempts = 5;

    public Task<LicenceApplication?> LoadAsync(Guid id, CancellationToken ct) => WithHistory(db, id, ct);

    // One statement, not one per collection: an application has a handful of history entries and rarely more
    // than one or two information requests, so the joined rows stay few, and the three parts come from one snapshot.
    // Compiled once: EF no longer turns the expression into its cache key and parameters on every call (issue 16).
    private static readonly Func<LicenceApplicationsDbContext, Guid, CancellationToken, Task<LicenceApplication?>> WithHistory =
        EF.CompileAsyncQuery((LicenceApplicationsDbContext db, Guid id, CancellationToken ct) =>
            db.Applications.Include(a => a.History).Include(a => a.InformationRequests).AsSingleQuery()
                .FirstOrDefault(a => a.Id == id));

    public Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);

    public static Refusal NotFound(Guid applicationId) => Refusal.NotFound($"Application {applicationId} was not found.");

    /// <summary>
    /// Runs a person's command on a fresh read of the application. Events (an invoice issued, a
    /// payment) update the same row at any moment; losing that optimistic-concurrency race is not the
    /// person's fault, so the command is decided again on the new state (a bounded number of times).
    /// Only a real state conflict (the new state does not allow the command) answers 409.
    /// </summary>
    public Task<Outcome<LicenceApplication>> RunAsync(
        Guid applicationId, Func<LicenceApplication, bool> mayAct, Func<LicenceApplication, Task<Refusal?>> change, CancellationToken ct) =>
        RunAsync(applicationId, mayAct, change, transactional: false, ct);

    /// <summary>
    /// <see cref="RunAsync(Guid, Func{LicenceApplication, bool}, Func{LicenceApplication, Task{Refusal?}}, CancellationToken)"/>
    /// with each attempt in a transaction of its own, for a command that writes before its save (a regulator's approval
    /// draws a licence number): an attempt that loses the race, or is refused, takes back what it wrote, so a retried
    /// approval leaves no gap in the numbering. The database's retrying strategy runs the whole thing as its unit.
    /// </summary>
    public Task<Outcome<LicenceApplication>> RunInTransactionAsync(
        Guid applicationId, Func<LicenceApplication, bool> mayAct, Func<LicenceApplication, Task<Refusal?>> change, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            token => RunAsync(applicationId, mayAct, change, transactional: true, token), ct);

    private async Task<Outcome<LicenceApplication>> RunAsync(
        Guid applicationId, Func<LicenceApplication, bool> mayAct, Func<LicenceApplication, Task<Refusal?>> change,
        bool transactional, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (transactional)
            {
                // A retry of the whole unit (a dropped connection) starts from what is stored, not from the last attempt's entities.
                db.ChangeTracker.Clear();
            }

            await using var transaction = transactional ? await db.Database.BeginTransactionAsync(ct) : null;
            var application = await LoadAsync(applicationId, ct);
            if (application is null || !mayAct(application))
            {
                return NotFound(applicationId);
            }

            try
            {
                var refusal = await change(application);
                if (refusal is null && transaction is not null)
                {
                    await transaction.CommitAsync(ct);
                }

                return refusal is null ? application : refusal;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxCommandAttempts)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new InvalidStateException("The application kept changing while this request was handled; read it again.");
            }
        }
    }

    public Task<Refusal?> CancelAsync(LicenceApplication application, CancellationToken ct) => SaveAsync(a =>
    {
        var now = time.GetUtcNow();
        a.Cancel(now);
        AddCancelled(a, now);
    }, application, ct);

    public Task<Refusal?> WithdrawAsync(LicenceApplication application, CancellationToken ct) =>
        SaveAsync(a => a.Withdraw(time.GetUtcNow()), application, ct);

    public Task<Refusal?> AppealAsync(LicenceApplication application, string grounds, CancellationToken ct) =>
        SaveAsync(a => a.Appeal(grounds, time.GetUtcNow()), application, ct);

    public Task<Refusal?> RequestInformationAsync(LicenceApplication application, string message, string regulator, CancellationToken ct) =>
        SaveAsync(a => a.RequestInformation(message, regulator, time.GetUtcNow()), application, ct);

    /// <summary>The documents named must be this application's own.</summary>
    public async Task<Refusal?> ProvideInformationAsync(
        LicenceApplication application, string message, IReadOnlyCollection<Guid> documentIds, CancellationToken ct)
    {
        var known = await db.Documents.CountAsync(d => d.ApplicationId == application.Id && documentIds.Contains(d.Id), ct);
        if (known != documentIds.Count)
        {
            return Refusal.Invalid("documentIds", "Every document must first be uploaded to this application.");
        }

        return await SaveAsync(a => a.ProvideInformation(message, documentIds, time.GetUtcNow()), application, ct);
    }

    /// <summary>
    /// Cancels the pending applications <paramref name="which"/> selects (a dissolved company's, an ended
    /// licence's renewal) and expires their invoices; the caller saves (inside the inbox transaction).
    /// </summary>
    public async Task<int> CancelPendingAsync(
        System.Linq.Expressions.Expression<Func<LicenceApplication, bool>> which, string cause, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var pending = await db.Applications.Include(a => a.History)
            .Where(a => ApplicationStateMachine.PendingStatuses.Contains(a.Status))
            .Where(which)
            .ToListAsync(ct);
        var cancelled = pending.Where(a => a.TryCancel(cause, now)).ToList();
        // Fee payments expires the invoice on this event, so a bank can no longer pay it.
        cancelled.ForEach(a => AddCancelled(a, now));
        return cancelled.Count;
    }

    private void AddCancelled(LicenceApplication application, DateTimeOffset at) =>
        db.AddIntegrationEvent(new ApplicationCancelledIntegrationEvent(application.Id, at) { OccurredAt = at },
            orderingKey: application.Id.ToString());

    private async Task<Refusal?> SaveAsync(Action<LicenceApplication> change, LicenceApplication application, CancellationToken ct)
    {
        change(application);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
