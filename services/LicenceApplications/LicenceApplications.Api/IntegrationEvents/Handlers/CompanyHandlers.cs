using CompanyRegistry.Contracts;
using LicenceApplications.Api.Applications;
using LicenceApplications.Api.Companies;
using LicenceApplications.Api.Licences;

namespace LicenceApplications.Api.IntegrationEvents.Handlers;

/// <summary>
/// Adds a registered company to the local view, or completes a row a status change or a registry
/// lookup wrote first: an upsert, so arriving after (or racing) the lookup is a success, not a 500.
/// The upsert carries the delivery's inbox row (<see cref="IInboxClaimingHandler"/>): one round trip.
/// </summary>
internal sealed class CompanyRegisteredHandler(CompanyViewStore view, InboxClaim claim)
    : IIntegrationEventHandler<CompanyRegisteredIntegrationEvent>, IInboxClaimingHandler
{
    public Task HandleAsync(CompanyRegisteredIntegrationEvent evt, CancellationToken ct) =>
        view.UpsertClaimingAsync(claim, evt.RegistrationNumber, evt.LegalName, evt.OwnerSubject, evt.ActivityCodes, evt.Status,
            CompanyViewStore.RegistrationVersion, CompanyViewStore.RegistrationVersion, ct);
}

/// <summary>
/// Applies a company status change if it is newer than what the view holds, makes the company's
/// licences follow, and cancels a dissolved company's open applications. A stale or repeated change
/// does nothing, so reordering cannot revive a licence.
/// </summary>
internal sealed class CompanyStatusChangedHandler(
    CompanyViewStore view, LicenceLifecycle lifecycle, ApplicationCommands applications, ILogger<CompanyStatusChangedHandler> logger)
    : IIntegrationEventHandler<CompanyStatusChangedIntegrationEvent>
{
    public async Task HandleAsync(CompanyStatusChangedIntegrationEvent evt, CancellationToken ct)
    {
        if (!await view.UpsertStatusAsync(evt.RegistrationNumber, evt.Status, evt.Version, ct))
        {
            logger.LogInformation("Ignored stale status change v{Version} of company {RegistrationNumber}",
                evt.Version, evt.RegistrationNumber);
            return;
        }

        await lifecycle.FollowCompanyStatusAsync(evt.RegistrationNumber, evt.Status, ct);
        if (evt.Status == Company.Dissolved)
        {
            // A company that no longer exists can never hold the licence: its invoices must stop being payable.
            await applications.CancelPendingAsync(
                a => a.RegistrationNumber == evt.RegistrationNumber, LicenceApplication.CompanyDissolvedCause, ct);
        }

        await applications.SaveAsync(ct);
    }
}

/// <summary>
/// Keeps the company's name and activity codes current (newer versions only, so the order of arrival
/// does not matter), then flags the licences whose type the activities no longer admit. The flags are
/// re-checked even for an amendment the view already holds (a registry lookup may have brought it first).
/// </summary>
internal sealed class CompanyAmendedHandler(
    CompanyViewStore view, LicenceEligibility eligibility, ApplicationCommands applications, ILogger<CompanyAmendedHandler> logger)
    : IIntegrationEventHandler<CompanyAmendedIntegrationEvent>
{
    public async Task HandleAsync(CompanyAmendedIntegrationEvent evt, CancellationToken ct)
    {
        if (!await view.UpsertDetailsAsync(evt.RegistrationNumber, evt.LegalName, evt.ActivityCodes, evt.Version, ct))
        {
            logger.LogInformation("Amendment v{Version} of company {RegistrationNumber} is not newer than the view",
                evt.Version, evt.RegistrationNumber);
        }

        await eligibility.ReviewCompanyAsync(evt.RegistrationNumber, ct);
        await applications.SaveAsync(ct);
    }
}
