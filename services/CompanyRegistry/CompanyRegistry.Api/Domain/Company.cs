namespace CompanyRegistry.Api.Domain;

public sealed record Address(string Line1, string? Line2, string City, string? Region, string? PostalCode, string Country);

/// <summary>
/// A registered company. State changes only through the methods below, each of which bumps
/// <see cref="Version"/> and writes a history entry; an illegal request throws <see cref="InvalidStateException"/>.
/// </summary>
public sealed class Company
{
    private readonly List<CompanyLicence> _licences = [];
    private readonly List<CompanyHistoryEntry> _history = [];
    private List<string> _activityCodes = [];

    private Company()
    {
    }

    public long Id { get; private set; }
    public string RegistrationNumber { get; private set; } = "";
    public string LegalName { get; private set; } = "";

    /// <summary>Lower case, accent-free form: unique among non-dissolved companies and trigram-indexed.</summary>
    public string NameNormalized { get; private set; } = "";
    public LegalForm LegalForm { get; private set; }
    public string TaxId { get; private set; } = "";
    public Address Address { get; private set; } = null!;
    public IReadOnlyList<string> ActivityCodes => _activityCodes;
    public CompanyStatus Status { get; private set; }
    public string? StatusReason { get; private set; }
    public string OwnerSubject { get; private set; } = "";
    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>Where notifications are mailed (optional); validated at registration.</summary>
    public string? ContactEmail { get; private set; }

    /// <summary>The language of those mails: en, tk or ru.</summary>
    public string PreferredLanguage { get; private set; } = "en";

    /// <summary>Grows with every change; a concurrency token and the Version of status events.</summary>
    public long Version { get; private set; }

    /// <summary>The registry's copy of the company's licences (written by <c>LicenceProjection</c>).</summary>
    public IReadOnlyCollection<CompanyLicence> Licences => _licences;

    /// <summary>Entries added since the company was loaded; the stored history is read through the DbContext.</summary>
    public IReadOnlyList<CompanyHistoryEntry> History => _history;

    public static Company Register(
        string registrationNumber, string legalName, LegalForm legalForm, string taxId, Address address,
        IReadOnlyList<string> activityCodes, string ownerSubject, DateTimeOffset now,
        string? contactEmail = null, string preferredLanguage = "en")
    {
        var company = new Company
        {
            RegistrationNumber = registrationNumber,
            LegalName = legalName,
            NameNormalized = NameNormalizer.ForComparison(legalName),
            LegalForm = legalForm,
            TaxId = taxId,
            Address = address,
            _activityCodes = [.. activityCodes],
            Status = CompanyStatus.Active,
            OwnerSubject = ownerSubject,
            RegisteredAt = now,
            ContactEmail = contactEmail,
            PreferredLanguage = preferredLanguage,
            Version = 1,
        };
        company._history.Add(CompanyHistoryEntry.Create(now, ownerSubject, HistoryActions.Registered, null, new Dictionary<string, object?>
        {
            ["registrationNumber"] = registrationNumber,
            ["legalName"] = legalName,
            ["legalForm"] = legalForm.ToString(),
            ["taxId"] = taxId,
            ["address"] = address,
            ["activityCodes"] = company.ActivityCodes,
            ["status"] = company.Status.ToString(),
        }));
        return company;
    }

    public bool CanChangeTo(CompanyStatus target) => CompanyStateMachine.CanMove(Status, target);

    /// <summary>Applies a status transition and records it; returns the status it left.</summary>
    public CompanyStatus ChangeStatus(CompanyStatus target, string? reason, string actor, DateTimeOffset now)
    {
        if (!CanChangeTo(target))
        {
            throw new InvalidStateException($"A {Status} company cannot become {target}.");
        }
        var previous = Status;
        Status = target;
        StatusReason = reason;
        Version++;
        var action = target switch
        {
            CompanyStatus.Suspended => HistoryActions.Suspended,
            CompanyStatus.Active => HistoryActions.Reinstated,
            _ => HistoryActions.Dissolved,
        };
        _history.Add(CompanyHistoryEntry.Create(now, actor, action, reason, new Dictionary<string, object?>
        {
            ["status"] = new { from = previous.ToString(), to = target.ToString() },
        }));
        return previous;
    }

    /// <summary>
    /// Applies what the owner asked to change, records it and bumps the version; returns the names of
    /// the fields that changed (none: nothing is written). Only an active company may be amended.
    /// History shows old and new values of the public fields and only the names of the contact
    /// fields, which the read endpoints do not show either.
    /// </summary>
    public IReadOnlyList<string> Amend(CompanyAmendment amendment, string actor, DateTimeOffset now)
    {
        if (Status != CompanyStatus.Active)
        {
            throw new InvalidStateException($"Only an active company can be amended; this one is {Status}.");
        }

        var changes = new Dictionary<string, object?>();
        if (amendment.LegalName is { } name && name != LegalName)
        {
            changes[CompanyAmendment.Fields.LegalName] = new { from = LegalName, to = name };
            LegalName = name;
            NameNormalized = NameNormalizer.ForComparison(name);
        }
        if (amendment.Address is { } address && address != Address)
        {
            changes[CompanyAmendment.Fields.Address] = new { from = Address, to = address };
            Address = address;
        }
        // The codes are a set: the same codes in another order change nothing.
        if (amendment.ActivityCodes is { } codes && !codes.ToHashSet(StringComparer.Ordinal).SetEquals(_activityCodes))
        {
            changes[CompanyAmendment.Fields.ActivityCodes] = new { from = _activityCodes, to = codes };
            _activityCodes = [.. codes];
        }
        if (amendment.SetsContactEmail && amendment.ContactEmail != ContactEmail)
        {
            changes[CompanyAmendment.Fields.ContactEmail] = CompanyAmendment.Withheld;
            ContactEmail = amendment.ContactEmail;
        }
        if (amendment.PreferredLanguage is { } language && language != PreferredLanguage)
        {
            changes[CompanyAmendment.Fields.PreferredLanguage] = CompanyAmendment.Withheld;
            PreferredLanguage = language;
        }

        if (changes.Count == 0)
        {
            return [];
        }
        Version++;
        _history.Add(CompanyHistoryEntry.Create(now, actor, HistoryActions.Amended, null, changes));
        return [.. changes.Keys];
    }

    /// <summary>Records a licence the registry has just stored for the first time.</summary>
    public void RecordLicenceAdded(
        string licenceNumber, string licenceType, string status, DateOnly validUntil, string actor, DateTimeOffset now) =>
        _history.Add(CompanyHistoryEntry.Create(now, actor, HistoryActions.LicenceAdded, null, new Dictionary<string, object?>
        {
            ["licenceNumber"] = licenceNumber,
            ["licenceType"] = licenceType,
            ["status"] = status,
            ["validUntil"] = validUntil,
        }));

    /// <summary>
    /// Applies a licence event to the stored licence when it is newer; false when it changes nothing.
    /// The caller holds the licence row's lock, so what is compared here is the latest state.
    /// </summary>
    public bool ApplyLicence(
        CompanyLicence existing, string licenceType, string status, DateOnly validUntil, long version, string actor, DateTimeOffset now)
    {
        if (version <= existing.Version)
        {
            return false;
        }
        var changes = new Dictionary<string, object?> { ["licenceNumber"] = existing.LicenceNumber };
        if (existing.Status != status)
        {
            changes["status"] = new { from = existing.Status, to = status };
        }
        if (existing.ValidUntil != validUntil)
        {
            changes["validUntil"] = new { from = existing.ValidUntil, to = validUntil };
        }
        existing.Apply(licenceType, status, validUntil, version, now);
        _history.Add(CompanyHistoryEntry.Create(now, actor, HistoryActions.LicenceChanged, null, changes));
        return true;
    }
}
