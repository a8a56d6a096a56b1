namespace G2B.LoadTest;

internal sealed record LoadOptions(
    Uri Gateway, Uri Direct, int Journeys, int Concurrency, int Probes, int Warmup, TimeSpan RequestTimeout,
    string BankCode, string BankSecret, G2B.Journey.WaitMode Wait)
{
    public static LoadOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new LoadOptions(
            new Uri(Value("--gateway", "http://127.0.0.1:8080")),
            new Uri(Value("--direct", "http://127.0.0.1:5102")),
            int.Parse(Value("--journeys", "200")),
            int.Parse(Value("--concurrency", "16")),
            int.Parse(Value("--probes", "2000")),
            int.Parse(Value("--warmup", "3")),
            TimeSpan.FromSeconds(double.Parse(Value("--timeout", "60"), System.Globalization.CultureInfo.InvariantCulture)),
            Value("--bank-code", "DEMOBANK"),
            Value("--bank-secret", "local-demo-bank-secret"),
            Enum.TryParse<G2B.Journey.WaitMode>(Value("--wait", "stream"), ignoreCase: true, out var wait) && Enum.IsDefined(wait)
                ? wait
                : throw new ArgumentException("--wait is stream or poll."));
    }
}
