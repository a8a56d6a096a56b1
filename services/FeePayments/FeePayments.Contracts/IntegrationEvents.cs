using G2B.IntegrationEvents;

namespace FeePayments.Contracts;

/// <summary>An invoice exists for an application; the business pays it with <see cref="PaymentReference"/>.</summary>
public sealed record InvoiceIssuedIntegrationEvent(
    Guid ApplicationId,
    string PaymentReference,
    decimal Amount,
    string Currency,
    DateTimeOffset DueAt) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "invoice-issued";
    public static string EventType => "g2b.payments.invoice-issued.v1";
}

/// <summary>A bank confirmed payment of an invoice. Published exactly once per invoice.</summary>
public sealed record InvoicePaidIntegrationEvent(
    Guid ApplicationId,
    string PaymentReference,
    decimal Amount,
    string Currency,
    string BankCode,
    string BankTransactionId,
    DateTimeOffset PaidAt) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "invoice-paid";
    public static string EventType => "g2b.payments.invoice-paid.v1";
}

/// <summary>An invoice passed its due date unpaid (or its application was cancelled).</summary>
public sealed record InvoiceExpiredIntegrationEvent(
    Guid ApplicationId,
    string PaymentReference,
    DateTimeOffset ExpiredAt) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "invoice-expired";
    public static string EventType => "g2b.payments.invoice-expired.v1";
}
