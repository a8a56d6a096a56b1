using System.CommandLine;

namespace G2B.LoadTest;

internal sealed record LoadOptions(
    Uri Gateway, Uri Direct, int Journeys, int Concurrency, int Probes, int Warmup, TimeSpan RequestTimeout,
    string BankCode, string BankSecret, G2B.Journey.WaitMode Wait)
{
    private static readonly Option<Uri> _gateway = Url("--gateway", "http://127.0.0.1:8080", "The gateway the journeys go through.");
    private static readonly Option<Uri> _direct = Url("--direct", "http://127.0.0.1:5102", "The service the gateway's overhead is measured against.");
    private static readonly Option<int> _journeys = Opt("--journeys", 200, "Journeys to run.");
    private static readonly Option<int> _concurrency = Opt("--concurrency", 16, "Journeys at a time.");
    private static readonly Option<int> _probes = Opt("--probes", 2000, "Requests for the gateway overhead, each direct and through the gateway.");
    private static readonly Option<int> _warmup = Opt("--warmup", 3, "Journeys before the measured ones.");
    private static readonly Option<double> _timeout = Opt("--timeout", 60.0, "Seconds one request may take.");
    private static readonly Option<string> _bankCode = Opt("--bank-code", "DEMOBANK", "The bank the payments are signed as.");
    private static readonly Option<string> _bankSecret = Opt("--bank-secret", "local-demo-bank-secret", "That bank's signing secret.");
    private static readonly Option<G2B.Journey.WaitMode> _wait = Opt("--wait", G2B.Journey.WaitMode.Stream,
        "How a journey waits for a state change: stream (the event stream, then one GET) or poll (GET until it changes).");

    /// <summary>The tool's command line; <paramref name="run"/> gets the options it parsed.</summary>
    public static RootCommand Command(Func<LoadOptions, CancellationToken, Task<int>> run)
    {
        var command = new RootCommand("Many businesses run the licence journey at once through the gateway; then the gateway's overhead.")
        {
            _gateway, _direct, _journeys, _concurrency, _probes, _warmup, _timeout, _bankCode, _bankSecret, _wait,
        };
        command.SetAction((parsed, ct) => run(From(parsed), ct));
        return command;
    }

    private static LoadOptions From(ParseResult parsed) => new(
        parsed.GetValue(_gateway)!,
        parsed.GetValue(_direct)!,
        parsed.GetValue(_journeys),
        parsed.GetValue(_concurrency),
        parsed.GetValue(_probes),
        parsed.GetValue(_warmup),
        TimeSpan.FromSeconds(parsed.GetValue(_timeout)),
        parsed.GetValue(_bankCode)!,
        parsed.GetValue(_bankSecret)!,
        parsed.GetValue(_wait));

    private static Option<T> Opt<T>(string name, T fallback, string description) =>
        new(name) { DefaultValueFactory = _ => fallback, Description = description };

    // System.CommandLine has no converter for Uri.
    private static Option<Uri> Url(string name, string fallback, string description)
    {
        var option = Opt(name, new Uri(fallback), description);
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
