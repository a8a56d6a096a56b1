using G2B.IntegrationEvents;

namespace LicenceApplications.Contracts;

/// <summary>An application was submitted and needs an invoice for its fee.</summary>
public sealed record ApplicationSubmittedIntegrationEvent(
    Guid ApplicationId,
    string RegistrationNumber,
    string LegalName,
    string OwnerSubject,
    string LicenceType,
    decimal Fee,
    string Currency,
    DateTimeOffset SubmittedAt) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "application-submitted";
    public static string EventType => "g2b.applications.application-submitted.v1";
}

/// <summary>The owner cancelled an unpaid application: its invoice must no longer be payable.</summary>
public sealed record ApplicationCancelledIntegrationEvent(
    Guid ApplicationId,
    DateTimeOffset CancelledAt) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "application-cancelled";
    public static string EventType => "g2b.applications.application-cancelled.v1";
}

/// <summary>A licence was issued. <see cref="Version"/> is the licence's change counter (1 at issue).</summary>
public sealed record LicenceIssuedIntegrationEvent(
    string LicenceNumber,
    Guid ApplicationId,
    string RegistrationNumber,
    string LicenceType,
    string Status,
    DateTimeOffset IssuedAt,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    long Version) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "licence-issued";
    public static string EventType => "g2b.applications.licence-issued.v1";
}

/// <summary>
/// A licence changed status (Active, Suspended, Revoked, Expired). Carries the full licence
/// summary and a growing <see cref="Version"/>, so a consumer that missed or reordered events
/// can still converge on the latest state.
/// </summary>
public sealed record LicenceStatusChangedIntegrationEvent(
    string LicenceNumber,
    string RegistrationNumber,
    string LicenceType,
    string PreviousStatus,
    string Status,
    string? Reason,
    DateOnly ValidUntil,
    long Version,
    DateTimeOffset ChangedAt) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "licence-status-changed";
    public static string EventType => "g2b.applications.licence-status-changed.v1";
}

/// <summary>
/// An application changed status (every transition after submission: UnderReview,
/// InformationRequested, Approved, Rejected, Withdrawn, UnderAppeal, Issued, Cancelled, Expired ...).
/// <see cref="Message"/> is what the person should read: the rejection reason, the regulator's
/// question, the appeal decision; null when the transition has none. <see cref="RenewalOf"/> names
/// the licence a renewal application renews. <see cref="Version"/> grows with every change of the
/// application.
/// </summary>
public sealed record ApplicationStatusChangedIntegrationEvent(
    Guid ApplicationId,
    string RegistrationNumber,
    string LicenceType,
    string PreviousStatus,
    string Status,
    string? Message,
    string? RenewalOf,
    string ChangedBy,
    long Version,
    DateTimeOffset ChangedAt) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "application-status-changed";
    public static string EventType => "g2b.applications.application-status-changed.v1";
}

/// <summary>
/// A licence was renewed: the same licence number, <see cref="ValidUntil"/> moved on by the type's
/// validity from the old end date. <see cref="Version"/> is the licence's change counter.
/// </summary>
public sealed record LicenceRenewedIntegrationEvent(
    string LicenceNumber,
    Guid RenewalApplicationId,
    string RegistrationNumber,
    string LicenceType,
    string Status,
    DateOnly PreviousValidUntil,
    DateOnly ValidUntil,
    long Version,
    DateTimeOffset RenewedAt) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "licence-renewed";
    public static string EventType => "g2b.applications.licence-renewed.v1";
}
