using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Notifications.Tests.Support;

/// <summary>
/// Counts the feed reads made for one business (commands on <c>feed_items</c> with its subject as a
/// parameter), as EF Core reports them to its DiagnosticSource: in-process, so it sees every app of
/// the test run, and the subject tells this test's reads apart.
/// </summary>
public sealed class FeedReads : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _subject;
    private readonly IDisposable _all;
    private readonly List<IDisposable> _listeners = [];
    private int _count;

    public FeedReads(string subject)
    {
        _subject = subject;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public int Count => Volatile.Read(ref _count);

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_listeners)
            {
                _listeners.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuting.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandEventData { Command: var command } && IsFeedReadOfSubject(command))
        {
            Interlocked.Increment(ref _count);
        }
    }

    private bool IsFeedReadOfSubject(DbCommand command) =>
        command.CommandText.Contains("FROM feed_items", StringComparison.Ordinal)
        && command.Parameters.Cast<DbParameter>().Any(p => _subject.Equals(p.Value as string, StringComparison.Ordinal));

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_listeners)
        {
            _listeners.ForEach(l => l.Dispose());
        }
    }
}
