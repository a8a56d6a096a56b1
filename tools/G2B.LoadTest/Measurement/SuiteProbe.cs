namespace G2B.LoadTest.Measurement;

/// <summary>What the suite did in one measured window.</summary>
public sealed record WindowResult(
    IReadOnlyList<ProcessUsage> Usage, HopSet? Hops, string? HopError, IReadOnlyList<ExceptionCount> Exceptions, IReadOnlyList<string> Unattached)
{
    /// <summary>Steps that span services (confirm-to-issued), read with the hops; empty when those could not be read.</summary>
    public IReadOnlyList<ChainSet> Chains { get; init; } = [];
}

/// <summary>
/// Measures the running suite around a piece of load: /proc before and after (CPU per process
/// group, memory at the end), exceptions thrown meanwhile, and the event hops of the window from the
/// services' own outbox/inbox timestamps. Needs the runner's suite file.
/// </summary>
public sealed class SuiteProbe(string suiteFile)
{
    /// <summary>Events still in flight when the load ends get this long to be consumed before the tables are read.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    public string SuiteFile => suiteFile;

    public SuiteDescription Suite() => SuiteDescription.Load(suiteFile);

    /// <param name="countExceptions">False: no EventPipe session in the suite's processes (the rest measurement, where its own cost would show).</param>
    public Window Begin(bool countExceptions = true)
    {
        var suite = Suite();
        var exceptions = ExceptionCounter.Start(countExceptions ? suite.DotnetProcesses() : []);
        var snapshot = ProcessSnapshot.Take();
        var groups = snapshot.Assign(suite.Roots(Environment.ProcessId));
        return new Window(this, DateTimeOffset.UtcNow, snapshot, groups, exceptions);
    }

    public sealed class Window(SuiteProbe probe, DateTimeOffset from, ProcessSnapshot before, IReadOnlyDictionary<int, string> beforeGroups, ExceptionCounter exceptions)
    {
        public async Task<WindowResult> EndAsync(CancellationToken ct)
        {
            var to = DateTimeOffset.UtcNow;
            var suite = probe.Suite();
            var roots = suite.Roots(Environment.ProcessId);
            var grouped = ProcessSnapshot.Take().Assign(roots);
            var after = ProcessSnapshot.Take(grouped.ContainsKey);
            var usage = ProcessUsage.Between(before, beforeGroups, after, after.Assign(roots));
            var thrown = await exceptions.StopAsync();

            await Task.Delay(probe.Settle, ct);
            HopSet? hops = null;
            string? hopError = null;
            List<ChainSet> chains = [];
            try
            {
                hops = await HopReader.ReadAsync(suite.Databases, from, to, ct, suite.RedisAddress);
                chains.Add(await ChainReader.ReadAsync(suite.Databases, Chain.ConfirmToIssued, from, to, ct));
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or StackExchange.Redis.RedisException or InvalidOperationException)
            {
                hopError = e.Message;
            }

            return new WindowResult(usage, hops, hopError, thrown, exceptions.Unattached) { Chains = chains };
        }
    }
}
