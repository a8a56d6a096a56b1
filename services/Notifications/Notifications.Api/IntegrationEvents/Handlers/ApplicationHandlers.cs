using LicenceApplications.Contracts;
using Notifications.Api.Email;
using Notifications.Api.Feed;

namespace Notifications.Api.IntegrationEvents.Handlers;

internal sealed class ApplicationSubmittedHandler(FeedWriter writer) : FeedHandler<ApplicationSubmittedIntegrationEvent>(writer)
{
    protected override Task LearnAsync(ApplicationSubmittedIntegrationEvent evt, CancellationToken ct) =>
        Writer.LinkApplicationAsync(evt.ApplicationId, evt.RegistrationNumber, evt.OwnerSubject, ct);

    protected override FeedEntry Describe(ApplicationSubmittedIntegrationEvent evt) => new(
        FeedTypes.ApplicationSubmitted, evt.RegistrationNumber, evt.ApplicationId,
        Ids(("registrationNumber", evt.RegistrationNumber), ("applicationId", evt.ApplicationId)),
        new { evt.LicenceType, evt.Fee, evt.Currency, evt.SubmittedAt });
}

internal sealed class ApplicationCancelledHandler(FeedWriter writer) : FeedHandler<ApplicationCancelledIntegrationEvent>(writer)
{
    protected override FeedEntry Describe(ApplicationCancelledIntegrationEvent evt) => new(
        FeedTypes.ApplicationCancelled, null, evt.ApplicationId,
        Ids(("applicationId", evt.ApplicationId)),
        new { evt.CancelledAt });
}

internal sealed class ApplicationStatusChangedHandler(FeedWriter writer) : FeedHandler<ApplicationStatusChangedIntegrationEvent>(writer)
{
    // Links the application too: its invoice events may have arrived before any event that names the company.
    protected override Task LearnAsync(ApplicationStatusChangedIntegrationEvent evt, CancellationToken ct) =>
        Writer.LinkApplicationAsync(evt.ApplicationId, evt.RegistrationNumber, ownerSubject: null, ct);

    // The message (a rejection's reason, the regulator's question) is for the owner; who changed it is not shown.
    protected override FeedEntry Describe(ApplicationStatusChangedIntegrationEvent evt) => new(
        FeedTypes.ApplicationStatusChanged, evt.RegistrationNumber, evt.ApplicationId,
        Ids(("registrationNumber", evt.RegistrationNumber), ("applicationId", evt.ApplicationId)),
        new { evt.LicenceType, evt.PreviousStatus, evt.Status, evt.Message, evt.RenewalOf, evt.Version, evt.ChangedAt });
}

internal sealed class LicenceIssuedHandler(FeedWriter writer, EmailFacts facts) : FeedHandler<LicenceIssuedIntegrationEvent>(writer)
{
    protected override Task LearnAsync(LicenceIssuedIntegrationEvent evt, CancellationToken ct) =>
        facts.RecordLicenceAsync(evt.LicenceNumber, evt.RegistrationNumber, evt.LicenceType, evt.Status, evt.ValidUntil, evt.Version, ct);

    protected override FeedEntry Describe(LicenceIssuedIntegrationEvent evt) => new(
        FeedTypes.LicenceIssued, evt.RegistrationNumber, evt.ApplicationId,
        Ids(("registrationNumber", evt.RegistrationNumber), ("applicationId", evt.ApplicationId), ("licenceNumber", evt.LicenceNumber)),
        new { evt.LicenceType, evt.Status, evt.IssuedAt, evt.ValidFrom, evt.ValidUntil });
}

internal sealed class LicenceStatusChangedHandler(FeedWriter writer, EmailFacts facts) : FeedHandler<LicenceStatusChangedIntegrationEvent>(writer)
{
    protected override Task LearnAsync(LicenceStatusChangedIntegrationEvent evt, CancellationToken ct) =>
        facts.RecordLicenceAsync(evt.LicenceNumber, evt.RegistrationNumber, evt.LicenceType, evt.Status, evt.ValidUntil, evt.Version, ct);

    protected override FeedEntry Describe(LicenceStatusChangedIntegrationEvent evt) => new(
        FeedTypes.LicenceStatusChanged, evt.RegistrationNumber, null,
        Ids(("registrationNumber", evt.RegistrationNumber), ("licenceNumber", evt.LicenceNumber)),
        new { evt.LicenceType, evt.PreviousStatus, evt.Status, evt.Reason, evt.ValidUntil, evt.ChangedAt });
}

internal sealed class LicenceRenewedHandler(FeedWriter writer, EmailFacts facts) : FeedHandler<LicenceRenewedIntegrationEvent>(writer)
{
    // The licence's new end date: the expiry reminders follow it from now on.
    protected override Task LearnAsync(LicenceRenewedIntegrationEvent evt, CancellationToken ct) =>
        facts.RecordLicenceAsync(evt.LicenceNumber, evt.RegistrationNumber, evt.LicenceType, evt.Status, evt.ValidUntil, evt.Version, ct);

    protected override FeedEntry Describe(LicenceRenewedIntegrationEvent evt) => new(
        FeedTypes.LicenceRenewed, evt.RegistrationNumber, evt.RenewalApplicationId,
        Ids(("registrationNumber", evt.RegistrationNumber), ("applicationId", evt.RenewalApplicationId), ("licenceNumber", evt.LicenceNumber)),
        new { evt.LicenceType, evt.Status, evt.PreviousValidUntil, evt.ValidUntil, evt.RenewedAt });
}
