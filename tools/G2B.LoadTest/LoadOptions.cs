using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace G2B.LoadTest;

/// <summary>What the tool runs: <c>journeys</c> (whole licence journeys), <c>bank</c> (a bank's peak of payment confirmations), or <c>rest</c> (no traffic: what the suite costs anyway).</summary>
public enum LoadMode
{
    Journeys,
    Bank,
    Rest,
}

/// <param name="Gateway">Null: the suite file's gateway, else http://127.0.0.1:8080.</param>
/// <param name="Direct">Null: the suite file's licence-applications, else http://127.0.0.1:5102.</param>
/// <param name="Concurrency">One run per entry, in turn.</param>
/// <param name="Journeys">Journeys (bank mode: invoices) of each run: one entry for all, or one per concurrency.</param>
/// <param name="SuiteFile">The runner's suite file; null when there is none (then the suite's processes are not measured).</param>
public sealed record LoadOptions(
    Uri? Gateway, Uri? Direct, IReadOnlyList<int> Journeys, IReadOnlyList<int> Concurrency, int Probes, int Warmup, TimeSpan RequestTimeout,
    string BankCode, string BankSecret, G2B.Journey.WaitMode Wait, string? SuiteFile, LoadMode Mode, int RestSeconds = 120)
{
    /// <summary>Journeys started per second (an open load, <see cref="JourneyLoad.RunAsync"/>); 0: a closed load.</summary>
    public double Rate { get; init; }

    private static readonly Option<Uri?> _gateway = Url("--gateway", "The gateway the journeys go through (default: the suite file's, else http://127.0.0.1:8080).");
    private static readonly Option<Uri?> _direct = Url("--direct",
        "The service the gateway's overhead is measured against (default: the suite file's licence-applications, else http://127.0.0.1:5102).");
    private static readonly Option<IReadOnlyList<int>> _journeys = Counts("--journeys", [200],
        "Journeys of each run (bank mode: invoices): one number for every run, or one per --concurrency entry, e.g. 50,300,600.");
    private static readonly Option<IReadOnlyList<int>> _concurrency = Counts("--concurrency", [16], "Journeys (bank mode: callers) at a time; a list runs each in turn, e.g. 1,8,32.");
    private static readonly Option<int> _probes = Opt("--probes", 2000, "Requests for the gateway overhead, each direct and through the gateway (0 skips it).");
    private static readonly Option<int> _warmup = Opt("--warmup", 3, "Journeys before the measured ones.");
    private static readonly Option<double> _timeout = Opt("--timeout", 60.0, "Seconds one request may take.");
    private static readonly Option<string> _bankCode = Opt("--bank-code", "DEMOBANK", "The bank the payments are signed as.");
    private static readonly Option<string> _bankSecret = Opt("--bank-secret", "local-demo-bank-secret", "That bank's signing secret.");
    private static readonly Option<G2B.Journey.WaitMode> _wait = Opt("--wait", G2B.Journey.WaitMode.Stream,
        "How a journey waits for a state change: stream (the event stream, then one GET) or poll (GET until it changes).");
    private static readonly Option<string?> _suite = Opt<string?>("--suite", null,
        $"The runner's suite file, to measure the suite's processes (CPU, memory, exceptions, event hops); default {Measurement.SuiteDescription.DefaultPath} when it exists.");
    private static readonly Option<bool> _noSuite = Opt("--no-suite", false, "Measure the load only, even when a suite file exists.");
    private static readonly Option<double> _rate = Opt("--rate", 0.0,
        "Journeys started per second, whatever the others are doing (an open load: e.g. half the closed load's throughput, " +
        "for latencies at that rate); --concurrency caps how many run at once. 0: a closed load, --concurrency at a time.");
    private static readonly Option<LoadMode> _mode = Opt("--mode", LoadMode.Journeys,
        "journeys: whole licence journeys; bank: pre-created invoices, then signed payment confirmations and bill lookups as fast as they go; " +
        "rest: no traffic for --rest-seconds, the suite's CPU per process per second and the tables its databases were asked about.");
    private static readonly Option<int> _restSeconds = Opt("--rest-seconds", 120, "Rest mode: how long the suite is watched with no traffic.");

    /// <summary>The runs in order: (concurrency, journeys) pairs.</summary>
    public IEnumerable<(int Concurrency, int Count)> Runs => Concurrency.Select((c, i) => (c, Journeys.Count == 1 ? Journeys[0] : Journeys[i]));

    /// <summary>The tool's command line; <paramref name="run"/> gets the options it parsed.</summary>
    public static RootCommand Command(Func<LoadOptions, CancellationToken, Task<int>> run)
    {
        var command = new RootCommand("Many businesses run the licence journey at once through the gateway (or a bank confirms payments at its peak); then the gateway's overhead.")
        {
            _gateway, _direct, _journeys, _concurrency, _probes, _warmup, _timeout, _bankCode, _bankSecret, _wait, _suite, _noSuite, _mode, _restSeconds, _rate,
        };
        command.Validators.Add(result =>
        {
            // From the tokens: the values are not there yet for an option not given, and throw for one that did not parse.
            static int Entries(OptionResult? option) => option?.Tokens.Count == 1 ? option.Tokens[0].Value.Split(',').Length : 1;
            var journeys = Entries(result.GetResult(_journeys));
            var concurrency = Entries(result.GetResult(_concurrency));
            if (journeys != 1 && journeys != concurrency)
            {
                result.AddError($"--journeys needs one number or one per --concurrency entry ({concurrency}), not {journeys}.");
            }

            if (result.GetResult(_rate) is { Tokens.Count: 1 } rate && !(result.GetValue(_rate) is >= 0 and <= 10_000))
            {
                result.AddError($"--rate needs journeys per second between 0 and 10000, not '{rate.Tokens[0].Value}'.");
            }

            if (result.GetResult(_restSeconds) is { Tokens.Count: 1 } rest && result.GetValue(_restSeconds) <= 0)
            {
                result.AddError($"--rest-seconds needs a positive whole number, not '{rest.Tokens[0].Value}'.");
            }

            if (result.GetValue(_suite) is { } suite && !File.Exists(suite))
            {
                result.AddError($"--suite: no file {suite} (./run.sh writes .local/suite.json while the suite runs).");
            }
        });
        command.SetAction((parsed, ct) => run(From(parsed), ct));
        return command;
    }

    private static LoadOptions From(ParseResult parsed) => new(
        parsed.GetValue(_gateway),
        parsed.GetValue(_direct),
        parsed.GetValue(_journeys)!,
        parsed.GetValue(_concurrency)!,
        parsed.GetValue(_probes),
        parsed.GetValue(_warmup),
        TimeSpan.FromSeconds(parsed.GetValue(_timeout)),
        parsed.GetValue(_bankCode)!,
        parsed.GetValue(_bankSecret)!,
        parsed.GetValue(_wait),
        parsed.GetValue(_noSuite) ? null : parsed.GetValue(_suite) ?? (File.Exists(Measurement.SuiteDescription.DefaultPath) ? Measurement.SuiteDescription.DefaultPath : null),
        parsed.GetValue(_mode),
        parsed.GetValue(_restSeconds))
    {
        Rate = parsed.GetValue(_rate),
    };

    private static Option<T> Opt<T>(string name, T fallback, string description) =>
        new(name) { DefaultValueFactory = _ => fallback, Description = description };

    // Positive whole numbers separated by commas: "32" or "1,8,32".
    private static Option<IReadOnlyList<int>> Counts(string name, int[] fallback, string description)
    {
        var option = Opt<IReadOnlyList<int>>(name, fallback, description);
        option.CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            var parts = text.Split(',', StringSplitOptions.TrimEntries);
            var numbers = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0).ToArray();
            if (numbers.Contains(0))
            {
                result.AddError($"{name} needs positive whole numbers separated by commas (e.g. 1,8,32), not '{text}'.");
                return null;
            }

            return numbers;
        };
        return option;
    }

    // System.CommandLine has no converter for Uri.
    private static Option<Uri?> Url(string name, string description)
    {
        var option = Opt<Uri?>(name, null, description);
        option.CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError($"{name} needs an http(s) URL, not '{text}'.");
            return null;
        };
        return option;
    }
}
