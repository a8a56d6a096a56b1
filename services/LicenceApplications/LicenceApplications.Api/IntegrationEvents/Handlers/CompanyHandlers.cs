using CompanyRegistry.Contracts;
using G2B.Eventing;
using LicenceApplications.Api.Domain;
using LicenceApplications.Api.Applications;
using LicenceApplications.Api.Companies;
using LicenceApplications.Api.Licences;

namespace LicenceApplications.Api.IntegrationEvents.Handlers;

/// <summary>
/// Adds a registered company to the local view, or completes a row a status change or a registry
/// lookup wrote first: an upsert, so arriving after (or racing) the lookup is a success, not a 500.
/// </summary>
internal sealed class CompanyRegisteredHandler(CompanyViewStore view) : IIntegrationEventHandler<CompanyRegisteredIntegrationEvent>
{
    public Task HandleAsync(CompanyRegisteredIntegrationEvent evt, CancellationToken ct) =>
        view.UpsertAsync(evt.RegistrationNumber, evt.LegalName, evt.OwnerSubject, evt.ActivityCodes, evt.Status,
            CompanyViewStore.RegistrationVersion, ct);
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
            await applications.CancelOpenForDissolvedCompanyAsync(evt.RegistrationNumber, ct);
        }

        await applications.SaveAsync(ct);
    }
}
