using System.Globalization;
using G2B.LoadTest.Measurement;

namespace G2B.LoadTest;

/// <summary>
/// The suite at rest: no request for <see cref="LoadOptions.RestSeconds"/>, and what it costs anyway (timers,
/// polls, health checks, the sidecars' read loops): CPU per process per second, and which tables the
/// services' databases were asked about meanwhile. Exceptions are not counted here, so that no EventPipe
/// session runs in the processes being measured.
/// </summary>
internal static class RestRun
{
    public static async Task<int> RunAsync(LoadOptions options, LoadTarget target, TextWriter output, CancellationToken ct)
    {
        if (target.Probe is not { } probe)
        {
            output.WriteLine("--mode rest measures the suite's processes: it needs the runner's suite file (--suite).");
            return 2;
        }

        var seconds = options.RestSeconds;
        output.WriteLine();
        output.WriteLine($"### The suite at rest: {seconds} s with no traffic");
        output.WriteLine();
        var databases = probe.Suite().Databases;
        var before = await DatabaseActivity.ReadAsync(databases, ct);
        var window = probe.Begin(countExceptions: false);
        await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
        var result = await window.EndAsync(ct);
        var after = await DatabaseActivity.ReadAsync(databases, ct);

        SuiteReport.ProcessTable(output, result.Usage, seconds, "s");
        Write(output, after.Since(before), after.TransactionsSince(before), seconds);
        return 0;
    }

    /// <summary>Per service database: transactions per minute; per table: scans and rows per minute.</summary>
    public static void Write(TextWriter output, IReadOnlyList<TableActivity> tables, IReadOnlyDictionary<string, long> transactions, int seconds)
    {
        var minutes = seconds / 60.0;
        string PerMinute(long n) => (n / minutes).ToString("F1", CultureInfo.InvariantCulture);
        output.WriteLine("database transactions per minute (pg_stat_database; the tool's own reads are 2 a database): " +
            string.Join(", ", transactions.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {PerMinute(t.Value)}")));
        if (tables.Count == 0)
        {
            output.WriteLine("no table was scanned or written");
            return;
        }

        output.WriteLine();
        output.WriteLine("| service | table | scans/min | rows read/min | rows written/min |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var t in tables)
        {
            output.WriteLine($"| {t.Service} | {t.Table} | {PerMinute(t.Scans)} | {PerMinute(t.RowsRead)} | {PerMinute(t.RowsWritten)} |");
        }

        output.WriteLine();
    }
}
