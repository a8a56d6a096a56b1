using G2B.LoadTest.Measurement;

namespace G2B.LoadTest;

/// <summary>Where the load goes and, when the runner's suite file is known, what measures the suite meanwhile.</summary>
public sealed record LoadTarget(Uri Gateway, Uri Direct, SuiteProbe? Probe)
{
    public static LoadTarget Resolve(LoadOptions options)
    {
        var suite = options.SuiteFile is null ? null : SuiteDescription.Load(options.SuiteFile);
        if (suite is not null && OperatingSystem.IsLinux() && !Directory.Exists($"/proc/{suite.RunnerPid}"))
        {
            // Left behind by a runner that was killed: its pids and ports are someone else's now, or no one's.
            throw new IOException($"it names runner pid {suite.RunnerPid}, which is not running. Start the suite (./run.sh) or pass --no-suite.");
        }

        return new LoadTarget(
            options.Gateway ?? UrlOf(suite, "gateway") ?? new Uri("http://127.0.0.1:8080"),
            options.Direct ?? UrlOf(suite, "licence-applications") ?? new Uri("http://127.0.0.1:5102"),
            suite is null ? null : new SuiteProbe(options.SuiteFile!));
    }

    /// <summary>Runs <paramref name="load"/>; with a suite file, measures the suite around it and writes the tables per <paramref name="unit"/>.</summary>
    public async Task<T> MeasureAsync<T>(Func<Task<T>> load, Func<T, int> units, string unit, TextWriter output, CancellationToken ct)
    {
        var window = Probe?.Begin();
        var result = await load();
        if (window is not null)
        {
            SuiteReport.Write(output, await window.EndAsync(ct), units(result), unit);
        }

        return result;
    }

    private static Uri? UrlOf(SuiteDescription? suite, string name) =>
        suite?.UrlOf(name) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;
}
