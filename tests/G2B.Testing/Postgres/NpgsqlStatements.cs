using System.Collections.Concurrent;
using System.Diagnostics;

namespace G2B.Testing;

/// <summary>
/// The statements Npgsql sends while this is open, read from its own trace of each command (the <c>Npgsql</c>
/// activity source, tag <c>db.query.text</c>), for tests that count round trips. The listener sees the whole process:
/// <paramref name="mine"/> chooses this test's commands (its database, or its trace).
/// </summary>
public sealed class NpgsqlStatements : IDisposable
{
    private readonly ConcurrentQueue<string> _texts = new();
    private readonly ActivityListener _listener;

    public NpgsqlStatements(Func<Activity, bool>? mine = null)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((mine is null || mine(activity)) && activity.GetTagItem("db.query.text") is string text)
                {
                    _texts.Enqueue(text.TrimStart());
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The commands sent to <paramref name="database"/> only.</summary>
    public static NpgsqlStatements Of(string? database) => new(a => a.GetTagItem("db.namespace") as string == database);

    /// <summary>
    /// The statements Npgsql ran on behalf of <paramref name="act"/>: those of its own trace, not the other work of the
    /// app (a delivery's handler, say, continues its event's trace instead).
    /// </summary>
    public static async Task<List<string>> OfAsync(Func<Task> act)
    {
        // Activity.Current for what runs below: Npgsql's activities of these commands are its children.
        using var root = new Activity("statements of a test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var traceId = root.TraceId;
        using var statements = new NpgsqlStatements(a => a.TraceId == traceId);
        await act();
        return statements.Texts;
    }

    /// <summary>The statements so far, in the order they ended.</summary>
    public List<string> Texts => [.. _texts];

    public void Dispose() => _listener.Dispose();
}
