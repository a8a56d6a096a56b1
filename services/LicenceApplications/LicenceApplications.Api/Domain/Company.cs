namespace LicenceApplications.Api.Domain;

/// <summary>
/// This service's view of a registry company, fed by registry events or, for a company not heard of
/// yet, by asking the registry. <see cref="Version"/> is the registry's change counter (0 until a
/// status change was seen) so a late, older status change cannot overwrite a newer one;
/// <see cref="DetailsVersion"/> does the same for the name and activity codes, which amendments change.
/// </summary>
public sealed class Company
{
    public const string Active = "Active";
    public const string Suspended = "Suspended";
    public const string Dissolved = "Dissolved";

    public string RegistrationNumber { get; private set; } = "";

    /// <summary>Null while only a status change has been seen (events can arrive before the registration).</summary>
    public string? LegalName { get; private set; }

    public string? OwnerSubject { get; private set; }

    public List<string> ActivityCodes { get; private set; } = [];

    public string Status { get; private set; } = Active;

    public long Version { get; private set; }

    /// <summary>The registry version the name and activity codes come from (registration is 1; amendments move it on).</summary>
    public long DetailsVersion { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsKnown => OwnerSubject is not null;

    private Company()
    {
    }

    public static Company FromRegistration(
        string registrationNumber, string legalName, string ownerSubject, IEnumerable<string> activityCodes, string status, DateTimeOffset at)
    {
        var company = new Company { RegistrationNumber = registrationNumber };
        company.ApplyRegistration(legalName, ownerSubject, activityCodes, status, at);
        return company;
    }

    public static Company FromStatusChange(string registrationNumber, string status, long version, DateTimeOffset at) =>
        new() { RegistrationNumber = registrationNumber, Status = status, Version = version, UpdatedAt = at };

    /// <summary>Registration facts never change; the status only counts while no versioned change was seen.</summary>
    public void ApplyRegistration(string legalName, string ownerSubject, IEnumerable<string> activityCodes, string status, DateTimeOffset at)
    {
        LegalName = legalName;
        OwnerSubject = ownerSubject;
        ActivityCodes = activityCodes.ToList();
        if (Version == 0)
        {
            Status = status;
        }

        UpdatedAt = at;
    }

    /// <summary>Returns false for a change that is not newer than what this view already holds.</summary>
    public bool TryApplyStatus(string status, long version, DateTimeOffset at)
    {
        if (version <= Version)
        {
            return false;
        }

        Status = status;
        Version = version;
        UpdatedAt = at;
        return true;
    }
}
