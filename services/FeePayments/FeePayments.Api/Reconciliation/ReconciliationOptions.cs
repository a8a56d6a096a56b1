namespace FeePayments.Api.Reconciliation;

/// <summary>Configuration section <c>Reconciliation</c>; HTTP timeouts and retries live under <c>Reconciliation:Http</c>.</summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";
    public const string HttpClientName = "bank-transactions";

    /// <summary>The scheduled job; tests switch it off and trigger runs themselves.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    public int PageSize { get; set; } = 100;

    /// <summary>A run stops after this many pages per bank and continues from the cursor next time.</summary>
    public int MaxPagesPerRun { get; set; } = 50;

    /// <summary>How far back the first run of a new bank looks.</summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(30);
}
