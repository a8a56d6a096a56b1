using Microsoft.Extensions.Options;

namespace Portal.Business;

public sealed record LicenceRow(CompanyLicenceDto Licence, CompanyDto Company, bool DueForRenewal);

public sealed record UnpaidInvoice(InvoiceDto Invoice, ApplicationDto Application, CompanyDto? Company);

public sealed record Overview(
    IReadOnlyList<CompanyDto> Companies,
    IReadOnlyList<ApplicationDto> OpenApplications,
    IReadOnlyList<LicenceRow> Licences,
    IReadOnlyList<UnpaidInvoice> UnpaidInvoices,
    bool Incomplete);

/// <summary>
/// A business's dashboard, read from the public API only: its companies (the registrations its event feed shows,
/// and the companies of its applications), its open applications, its licences (flagged when due for renewal)
/// and its unpaid invoices.
/// </summary>
public sealed class BusinessOverview(SuiteClient suite, SuiteCatalogue catalogue, IOptions<PortalOptions> options, TimeProvider time)
{
    public static readonly IReadOnlySet<string> OpenStatuses =
        new HashSet<string> { "AwaitingPayment", "UnderReview", "InformationRequested", "UnderAppeal" };

    private const int MaxPages = 10;

    public async Task<Overview> LoadAsync()
    {
        var (applications, appsComplete) = await ApplicationsAsync(null);
        var (companies, companiesComplete) = await CompaniesAsync(applications);
        var byNumber = companies.ToDictionary(c => c.RegistrationNumber);

        var open = applications.Where(a => OpenStatuses.Contains(a.Status)).OrderByDescending(a => a.SubmittedAt).ToList();
        var invoices = await Task.WhenAll(open.Where(a => a.Status == "AwaitingPayment" && a.PaymentReference is not null)
            .Select(async a => (Application: a, Invoice: await suite.CallAsync(api => api.InvoiceAsync(a.PaymentReference!)))));
        var unpaid = invoices.Where(i => i.Invoice.Succeeded && i.Invoice.Value!.Status == "Open")
            .Select(i => new UnpaidInvoice(i.Invoice.Value!, i.Application, byNumber.GetValueOrDefault(i.Application.RegistrationNumber)))
            .OrderBy(i => i.Invoice.DueAt).ToList();

        var types = await catalogue.LicenceTypesAsync();
        var licences = companies.SelectMany(c => c.Licences.Select(l => new LicenceRow(l, c, DueForRenewal(l, types))))
            .OrderBy(l => l.Licence.ValidUntil ?? DateOnly.MaxValue).ToList();
        return new Overview(companies, open, licences, unpaid,
            !appsComplete || !companiesComplete || invoices.Any(i => !i.Invoice.Succeeded));
    }

    /// <summary>
    /// The caller's companies: those its event feed shows it registered, and those it has applied for. (The API
    /// has no "my companies" list; docs/portal.md says what that means for very old, quiet companies.)
    /// </summary>
    public async Task<(List<CompanyDto> Companies, bool Complete)> CompaniesAsync(IReadOnlyList<ApplicationDto>? applications = null)
    {
        var appsComplete = true;
        if (applications is null)
        {
            (var all, appsComplete) = await ApplicationsAsync(null);
            applications = all;
        }

        var (registered, feedComplete) = await RegisteredCompaniesAsync();
        var numbers = registered.Concat(applications.Select(a => a.RegistrationNumber)).Distinct(StringComparer.Ordinal).ToList();
        var found = await Task.WhenAll(numbers.Select(n => suite.CallAsync(api => api.CompanyAsync(n))));
        var companies = found.Where(r => r.Succeeded).Select(r => r.Value!).OrderBy(c => c.LegalName, StringComparer.CurrentCulture).ToList();
        return (companies, appsComplete && feedComplete && found.All(r => r.Succeeded || r.Refused));
    }

    /// <summary>The caller's applications (of one company, or all), every page up to a bound.</summary>
    public async Task<(List<ApplicationDto> Items, bool Complete)> ApplicationsAsync(string? registrationNumber)
    {
        var items = new List<ApplicationDto>();
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var result = await suite.CallAsync(api => api.ApplicationsAsync(registrationNumber, limit: 100, cursor: cursor));
            if (!result.Succeeded)
            {
                return (items, false);
            }

            items.AddRange(result.Value!.Items);
            if ((cursor = result.Value.NextCursor) is null)
            {
                return (items, true);
            }
        }

        return (items, false);
    }

    /// <summary>Events of the caller's companies, oldest first (the feed shows a business only its own).</summary>
    public async Task<(List<EventDto> Items, bool Complete)> EventsAsync(string? types)
    {
        var items = new List<EventDto>();
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var result = await suite.CallAsync(api => api.EventsAsync(after, 200, types));
            if (!result.Succeeded)
            {
                return (items, false);
            }

            items.AddRange(result.Value!.Items);
            if (result.Value.Items.Count < 200 || result.Value.NextCursor is null || result.Value.NextCursor == after)
            {
                return (items, true);
            }

            after = result.Value.NextCursor;
        }

        return (items, false);
    }

    private async Task<(IEnumerable<string> Numbers, bool Complete)> RegisteredCompaniesAsync()
    {
        var (events, complete) = await EventsAsync("company.registered");
        return (events.Select(e => e.RegistrationNumber).OfType<string>(), complete);
    }

    /// <summary>In its renewal window (<see cref="RenewalWindow"/>): the type's, else the configured number of days.</summary>
    public bool DueForRenewal(CompanyLicenceDto licence, IReadOnlyList<LicenceTypeDto> types) =>
        licence.ValidUntil is { } until && InRenewalWindow(licence.Status, until, licence.LicenceType, types);

    public bool InRenewalWindow(string status, DateOnly validUntil, string licenceType, IReadOnlyList<LicenceTypeDto> types) =>
        RenewalWindow.IsOpen(status, validUntil, types.FirstOrDefault(t => t.Code == licenceType), options.Value.RenewalWindowDays,
            DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
}
