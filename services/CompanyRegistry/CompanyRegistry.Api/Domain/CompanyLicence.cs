namespace CompanyRegistry.Api.Domain;

/// <summary>
/// The registry's copy of a licence, kept from the licence applications service's events.
/// <see cref="Version"/> is the publisher's change counter: an event only applies when it is newer,
/// so duplicates and late arrivals change nothing. Rows are created by one idempotent insert
/// (see <c>LicenceProjection</c>), never through a tracked entity, so two events cannot both create one.
/// </summary>
public sealed class CompanyLicence
{
    private CompanyLicence()
    {
    }

    public string LicenceNumber { get; private set; } = "";
    public long CompanyId { get; private set; }
    public string LicenceType { get; private set; } = "";
    public string Status { get; private set; } = "";
    public DateOnly ValidUntil { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Apply(string licenceType, string status, DateOnly validUntil, long version, DateTimeOffset now)
    {
        LicenceType = licenceType;
        Status = status;
        ValidUntil = validUntil;
        Version = version;
        UpdatedAt = now;
    }

    /// <summary>
    /// The status to show with the company. The licence service suspends or revokes licences when it
    /// hears of a company change; until its event arrives the company's own status already tells.
    /// </summary>
    public string EffectiveStatus(CompanyStatus companyStatus) => (companyStatus, Status) switch
    {
        (CompanyStatus.Suspended, "Active") => "Suspended",
        (CompanyStatus.Dissolved, "Active" or "Suspended") => "Revoked",
        _ => Status,
    };
}
