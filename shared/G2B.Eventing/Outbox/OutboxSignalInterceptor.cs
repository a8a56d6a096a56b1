using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace G2B.Eventing;

/// <summary>
/// Numbers new outbox rows that share an ordering key within one save in the order they were added
/// (EF may insert them in another order; the rest are numbered by the INSERT itself), and signals the dispatcher once they are durable: right after SaveChanges when it ran in its
/// own transaction, or when the surrounding explicit transaction commits.
/// </summary>
internal sealed class OutboxSignalInterceptor<TContext>(OutboxSignal<TContext> signal)
    : SaveChangesInterceptor, IDbTransactionInterceptor
    where TContext : DbContext
{
    // Contexts that saved outbox rows inside a transaction that has not committed yet: that transaction and the rows.
    // A transaction disposed with neither a commit nor a rollback (an exception) tells no interceptor, so its rows
    // stay here; they must not be signalled at a later commit of the same context (a pooled context serves request
    // after request): only the commit of the transaction they were saved in signals them.
    private readonly ConditionalWeakTable<DbContext, PendingCommit> _pendingCommit = new();

    private sealed record PendingCommit(Guid TransactionId, List<OutboxMessage> Rows);

    // The rows of a save, between SavingChanges and SavedChanges of one context (a context is not thread-safe,
    // so one entry per context instance is enough).
    private readonly ConditionalWeakTable<DbContext, List<OutboxMessage>> _savingOutbox = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var added = NewRows(eventData.Context);
        // Stryker disable once Equality : ">= 0" is equivalent (numbering no rows asks for no values); "< 0" is killed, and goes with it.
        if (added.Count > 0)
        {
            Number(added, await OutboxClaims.NextSequencesAsync(eventData.Context!, added.Count, cancellationToken));
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        var added = NewRows(eventData.Context);
        // Stryker disable once Equality : ">= 0" is equivalent (numbering no rows asks for no values); "< 0" is killed, and goes with it.
        if (added.Count > 0)
        {
            Number(added, OutboxClaims.NextSequences(eventData.Context!, added.Count));
        }

        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    // A failed save leaves earlier saves of the same transaction pending: only forget this one.
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _savingOutbox.Remove(eventData.Context!);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _savingOutbox.Remove(eventData.Context!);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Committed(eventData.Context, eventData.TransactionId);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context, eventData.TransactionId);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private List<OutboxMessage> NewRows(DbContext? context)
    {
        if (context is null)
        {
            return [];
        }

        var added = context.ChangeTracker.Entries<OutboxMessage>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .ToList();
        if (added.Count > 0)
        {
            _savingOutbox.AddOrUpdate(context, added);
        }
        else
        {
            // A save that ended with neither SavedChanges nor SaveChangesFailed (cancelled) left its rows here.
            _savingOutbox.Remove(context);
        }

        // Rows numbered by an earlier, failed attempt keep their numbers. The others take the identity's
        // next value in the INSERT itself (no round trip of their own), which orders them after every row
        // saved before them. Only rows of this save that share an ordering key need numbers drawn first, in
        // the order they were added: EF may insert the rows of one save in another order.
        var unnumbered = added.Where(m => m.Sequence == 0).ToList();
        return SharesKey(unnumbered) ? unnumbered.OrderBy(m => m.AddedOrder).ToList() : [];
    }

    private static bool SharesKey(List<OutboxMessage> rows)
    {
        // Rows without a key promise no order: they never share one.
        var keys = rows.Select(m => m.OrderingKey).OfType<string>().ToList();
        return keys.Distinct(StringComparer.Ordinal).Count() < keys.Count;
    }

    private static void Number(List<OutboxMessage> rows, List<long> sequences)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Sequence = sequences[i];
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_savingOutbox.TryGetValue(context, out var rows))
        {
            return;
        }

        _savingOutbox.Remove(context);
        if (context.Database.CurrentTransaction is not { } transaction)
        {
            signal.Committed(rows);
            return;
        }

        if (!_pendingCommit.TryGetValue(context, out var pending) || pending.TransactionId != transaction.TransactionId)
        {
            pending = new PendingCommit(transaction.TransactionId, []);
            _pendingCommit.AddOrUpdate(context, pending);
        }

        pending.Rows.AddRange(rows);
    }

    private void Committed(DbContext? context, Guid transactionId)
    {
        if (context is not null && _pendingCommit.TryGetValue(context, out var pending))
        {
            _pendingCommit.Remove(context);
            if (pending.TransactionId == transactionId)
            {
                signal.Committed(pending.Rows);
            }
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            // Stryker disable once Statement : equivalent; a save that fails has its mark removed by SaveChangesFailed, one that succeeds by Saved.
            _savingOutbox.Remove(context);
            _pendingCommit.Remove(context);
        }
    }
}
