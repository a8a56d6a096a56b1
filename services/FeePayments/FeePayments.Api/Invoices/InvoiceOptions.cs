namespace FeePayments.Api.Invoices;

/// <summary>Configuration section <c>Invoices</c>.</summary>
public sealed class InvoiceOptions
{
    public const string SectionName = "Invoices";

    /// <summary>How long an invoice stays payable after it is issued.</summary>
    public TimeSpan DuePeriod { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Upper-case alphanumerics at the start of every reference body (ISO 11649 allows 21 in all).</summary>
    public string ReferencePrefix { get; set; } = "G2B";

    public bool ExpiryEnabled { get; set; } = true;

    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromMinutes(1);

    public int ExpiryBatchSize { get; set; } = 100;
}
