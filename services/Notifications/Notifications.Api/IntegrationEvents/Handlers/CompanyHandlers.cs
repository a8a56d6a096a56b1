using CompanyRegistry.Contracts;
using Notifications.Api.Email;
using Notifications.Api.Feed;

namespace Notifications.Api.IntegrationEvents.Handlers;

internal sealed class CompanyRegisteredHandler(FeedWriter writer, EmailFacts facts) : FeedHandler<CompanyRegisteredIntegrationEvent>(writer)
{
    protected override async Task LearnAsync(CompanyRegisteredIntegrationEvent evt, CancellationToken ct)
    {
        await Writer.RecordOwnerAsync(evt.RegistrationNumber, evt.OwnerSubject, ct);
        await facts.RecordContactAsync(evt.RegistrationNumber, evt.ContactEmail, evt.PreferredLanguage, evt.LegalName, version: 0, ct);
    }

    // The owner's subject and the contact address are private: it decides visibility but never appears in the feed.
    protected override FeedEntry Describe(CompanyRegisteredIntegrationEvent evt) => new(
        FeedTypes.CompanyRegistered, evt.RegistrationNumber, null,
        Ids(("registrationNumber", evt.RegistrationNumber)),
        new { evt.LegalName, evt.LegalForm, evt.ActivityCodes, evt.Status, evt.RegisteredAt });
}

internal sealed class CompanyStatusChangedHandler(FeedWriter writer) : FeedHandler<CompanyStatusChangedIntegrationEvent>(writer)
{
    protected override FeedEntry Describe(CompanyStatusChangedIntegrationEvent evt) => new(
        FeedTypes.CompanyStatusChanged, evt.RegistrationNumber, null,
        Ids(("registrationNumber", evt.RegistrationNumber)),
        new { evt.PreviousStatus, evt.Status, evt.Reason, evt.ChangedAt });
}

internal sealed class CompanyAmendedHandler(FeedWriter writer, EmailFacts facts) : FeedHandler<CompanyAmendedIntegrationEvent>(writer)
{
    protected override Task LearnAsync(CompanyAmendedIntegrationEvent evt, CancellationToken ct) =>
        facts.RecordContactAsync(evt.RegistrationNumber, evt.ContactEmail, evt.PreferredLanguage, evt.LegalName, evt.Version, ct);

    // Which fields changed is public; the new address, language and who amended it are not.
    protected override FeedEntry Describe(CompanyAmendedIntegrationEvent evt) => new(
        FeedTypes.CompanyAmended, evt.RegistrationNumber, null,
        Ids(("registrationNumber", evt.RegistrationNumber)),
        new { evt.LegalName, evt.ActivityCodes, evt.ChangedFields, evt.Version, evt.AmendedAt });
}
