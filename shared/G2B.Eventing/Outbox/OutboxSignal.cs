using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace G2B.Eventing;

/// <summary>
/// Wakes the dispatcher of <typeparamref name="TContext"/> when this process has just committed
/// outbox rows, so publication does not wait for the next poll. Signals coalesce.
/// </summary>
public sealed class OutboxSignal<TContext>
    where TContext : DbContext
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for a signal or the timeout, whichever comes first.</summary>
    internal async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(timeoutCts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Timed out: poll anyway (another replica may have written rows).
        }
    }
}
