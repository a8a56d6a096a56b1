using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Runtime.CompilerServices;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace G2B.LoadTest.Measurement;

/// <summary>Exceptions one process threw in a window, most frequent type first.</summary>
public sealed record ExceptionCount(string Process, int Total, IReadOnlyList<(string Type, int Count)> Types);

/// <summary>
/// Counts the exceptions the suite's .NET processes throw, first-chance, through an EventPipe session per
/// process (what dotnet-trace and dotnet-counters use, over the runtime's diagnostic socket): the runtime's
/// ExceptionThrown event, one per throw, with its type. Exact rather than sampled like a counter, and
/// the types say where to look. A process the tool cannot attach to is named, not fatal.
/// </summary>
public sealed class ExceptionCounter
{
    private readonly List<Session> _sessions = [];

    public List<string> Unattached { get; } = [];

    /// <summary>
    /// How many of this counter's sessions read their events on a thread of the pool (none should: see
    /// <see cref="Session.Start"/>); null while any reader has not started yet.
    /// </summary>
    public int? ReadersOnPoolThreads =>
        _sessions.Any(s => s.ReaderOnPoolThread is null) ? null : _sessions.Count(s => s.ReaderOnPoolThread == true);

    public static ExceptionCounter Start(IEnumerable<(string Name, int Pid)> processes)
    {
        var counter = new ExceptionCounter();
        foreach (var (name, pid) in processes)
        {
            try
            {
                counter._sessions.Add(Session.Start(name, pid));
            }
            catch (Exception e) when (e is ServerNotAvailableException or UnsupportedCommandException or IOException or TimeoutException)
            {
                counter.Unattached.Add($"{name} ({e.GetType().Name})");
            }
        }

        return counter;
    }

    public async Task<IReadOnlyList<ExceptionCount>> StopAsync()
    {
        var counts = new List<ExceptionCount>();
        foreach (var session in _sessions)
        {
            counts.Add(await session.StopAsync());
        }

        return counts;
    }

    private sealed class Session(
        string name, EventPipeSession session, Task processing, ConcurrentDictionary<string, int> byType, Func<bool?> readerOnPoolThread)
    {
        public bool? ReaderOnPoolThread => readerOnPoolThread();

        public static Session Start(string name, int pid)
        {
            var provider = new EventPipeProvider(
                ClrTraceEventParser.ProviderName, EventLevel.Informational, (long)ClrTraceEventParser.Keywords.Exception);
            var session = new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false, circularBufferMB: 16);
            var byType = new ConcurrentDictionary<string, int>();
            var source = new EventPipeEventSource(session.EventStream);
            source.Clr.ExceptionStart += e => byType.AddOrUpdate(e.ExceptionType, 1, (_, n) => n + 1);
            // Process() blocks its thread on the session's stream until the session stops, so it gets a thread of its own
            // (LongRunning), never one of the thread pool's: one pool thread held per attached process (13 in the suite)
            // left the load tool's journeys on a starved pool at the start of every measured run, growing about one
            // thread a second ("Issue 16, session 10" in docs/benchmarks.md).
            var reader = new StrongBox<int>(); // 0 not started yet, 1 on a thread of the pool, 2 on a thread of its own
            var processing = Task.Factory.StartNew(
                () =>
                {
                    Volatile.Write(ref reader.Value, Thread.CurrentThread.IsThreadPoolThread ? 1 : 2);
                    using (source)
                    {
                        source.Process();
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default);
            return new Session(name, session, processing, byType, () => Volatile.Read(ref reader.Value) switch { 0 => null, var state => state == 1 });
        }

        public async Task<ExceptionCount> StopAsync()
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await session.StopAsync(timeout.Token);
                // The stream ends once the runtime has flushed what the session buffered.
                await processing.WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (Exception e) when (e is ServerNotAvailableException or IOException or TimeoutException or OperationCanceledException)
            {
                // The process went away (or will not answer): what arrived until then is the count.
            }
            finally
            {
                session.Dispose();
            }

            var types = byType.Select(p => (p.Key, p.Value)).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
            return new ExceptionCount(name, types.Sum(t => t.Value), types);
        }
    }
}
