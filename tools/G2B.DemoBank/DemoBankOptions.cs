namespace G2B.DemoBank;

/// <summary>Configuration section <c>DemoBank</c>.</summary>
public sealed class DemoBankOptions
{
    public const string SectionName = "DemoBank";

    public string BankCode { get; set; } = "DEMOBANK";

    /// <summary>The secret shared with the suite (signs our calls, checks the suite's reconciliation calls).</summary>
    public string Secret { get; set; } = "";

    /// <summary>Where the suite's public API is (the gateway).</summary>
    public Uri GatewayUrl { get; set; } = new("http://127.0.0.1:8080");

    /// <summary>Holds <c>transactions.json</c>, so the payments made survive a restart.</summary>
    public string DataDirectory { get; set; } = ".local/demo-bank";

    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromSeconds(300);
}
