using System.Net;
using LicenceApplications.Api.Clients;

namespace LicenceApplications.Api.Companies;

public enum CompanyLookupOutcome
{
    Found,
    Unknown,
    NotOwned,
    RegistryUnavailable,
}

public sealed record CompanyLookup(CompanyLookupOutcome Outcome, Company? Company = null);

/// <summary>
/// Asks the registry, the source of truth, about a company at the moments that matter: submission
/// (owner and status) and issue (status). Every answer also refreshes the local view by version. The
/// local view alone is never trusted for these decisions: events lag, so it could be a moment behind
/// a suspension, or not know the company at all.
/// </summary>
public sealed class CompanyDirectory(IRegistryClient registry, CompanyViewStore view, ILogger<CompanyDirectory> logger)
{
    /// <summary>
    /// Ownership is the registry's recorded owner compared with the caller's subject, whatever roles the
    /// token carries and whether or not the company's event has arrived here.
    /// </summary>
    public async Task<CompanyLookup> FindForApplicantAsync(string registrationNumber, string subject, CancellationToken ct)
    {
        Refit.IApiResponse<RegistryCompany> response;
        try
        {
            response = await registry.GetCompanyAsync(registrationNumber, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Registry lookup of company {RegistrationNumber} failed", registrationNumber);
            return new CompanyLookup(CompanyLookupOutcome.RegistryUnavailable);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new CompanyLookup(CompanyLookupOutcome.Unknown);
            }

            if (response is not { StatusCode: HttpStatusCode.OK, Content: { } found })
            {
                logger.LogWarning("Registry answered {Status} for company {RegistrationNumber}", response.StatusCode, registrationNumber);
                return new CompanyLookup(CompanyLookupOutcome.RegistryUnavailable);
            }

            // The view learns the registration facts; its status stays driven by the status events (version 0 here
            // never wins), because applying an event is also what makes the company's licences follow it.
            await view.UpsertAsync(found.RegistrationNumber, found.LegalName, found.OwnerSubject, found.ActivityCodes,
                found.Status, version: 0, detailsVersion: found.Version, ct);
            if (!string.Equals(found.OwnerSubject, subject, StringComparison.Ordinal))
            {
                return new CompanyLookup(CompanyLookupOutcome.NotOwned);
            }

            // Decide on the registry's answer itself, not on the view (which may hold something newer or older).
            return new CompanyLookup(CompanyLookupOutcome.Found, Company.FromRegistration(
                found.RegistrationNumber, found.LegalName, found.OwnerSubject, found.ActivityCodes, found.Status, DateTimeOffset.UtcNow));
        }
    }

    /// <summary>
    /// The company's status now, from the registry; null when the registry cannot say (unreachable,
    /// or does not know the company). Callers treat null as "not confirmed active".
    /// </summary>
    public async Task<string?> ConfirmStatusAsync(string registrationNumber, CancellationToken ct)
    {
        try
        {
            using var response = await registry.GetStatusAsync(registrationNumber, ct);
            if (response is { StatusCode: HttpStatusCode.OK, Content: { } found })
            {
                return found.Status;
            }

            logger.LogWarning("Registry answered {Status} for the status of company {RegistrationNumber}",
                response.StatusCode, registrationNumber);
            return null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Registry status check of company {RegistrationNumber} failed", registrationNumber);
            return null;
        }
    }

    /// <summary>Null when the registry confirms the company Active now; otherwise why a licence cannot be granted or renewed.</summary>
    public async Task<Refusal?> RequireActiveAsync(string registrationNumber, CancellationToken ct) =>
        await ConfirmStatusAsync(registrationNumber, ct) switch
        {
            null => Refusal.RegistryUnavailable("The company's status could not be confirmed; retry shortly."),
            Company.Active => null,
            var status => Refusal.CompanyNotActive($"The company is {status}."),
        };
}
