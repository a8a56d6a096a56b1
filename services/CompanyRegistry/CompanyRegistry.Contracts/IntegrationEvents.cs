using G2B.IntegrationEvents;

namespace CompanyRegistry.Contracts;

/// <summary>
/// A company was registered. Carries the owner so other services can check ownership locally,
/// and (added later, optional: null from older publishers) where and in which language to write to it.
/// </summary>
public sealed record CompanyRegisteredIntegrationEvent(
    string RegistrationNumber,
    string LegalName,
    string LegalForm,
    string OwnerSubject,
    IReadOnlyList<string> ActivityCodes,
    string Status,
    DateTimeOffset RegisteredAt,
    string? ContactEmail = null,
    string? PreferredLanguage = null) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "company-registered";
    public static string EventType => "g2b.registry.company-registered.v1";
}

/// <summary>
/// A company's status changed (Active, Suspended, Dissolved). <see cref="Version"/> grows with
/// every change of the company, so a consumer can ignore an older change that arrives late.
/// </summary>
public sealed record CompanyStatusChangedIntegrationEvent(
    string RegistrationNumber,
    string PreviousStatus,
    string Status,
    string? Reason,
    long Version,
    DateTimeOffset ChangedAt) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "company-status-changed";
    public static string EventType => "g2b.registry.company-status-changed.v1";
}

/// <summary>
/// The owner amended the company (<c>PATCH /api/companies/{registrationNumber}</c>). Carries the
/// company's details after the change, the names of the fields that changed (<c>legalName</c>,
/// <c>address</c>, <c>activityCodes</c>, <c>contactEmail</c>, <c>preferredLanguage</c>), who made it,
/// and the company's <see cref="Version"/> after it, so a consumer keeps the newest details whatever
/// the order of arrival.
/// </summary>
public sealed record CompanyAmendedIntegrationEvent(
    string RegistrationNumber,
    string LegalName,
    IReadOnlyList<string> ActivityCodes,
    IReadOnlyList<string> ChangedFields,
    string? ContactEmail,
    string? PreferredLanguage,
    string AmendedBy,
    long Version,
    DateTimeOffset AmendedAt) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "company-amended";
    public static string EventType => "g2b.registry.company-amended.v1";
}
