namespace LicenceApplications.Api.Domain;

/// <summary>One line of a licence's history: issued, each status change and each renewal, with the end date it left.</summary>
public sealed class LicenceHistoryEntry
{
    public long Id { get; private set; }

    public string LicenceNumber { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public LicenceStatus Status { get; private set; }

    /// <summary>"issued", "renewed", or the reason given for a status change.</summary>
    public string Cause { get; private set; } = "";

    public DateOnly ValidUntil { get; private set; }

    /// <summary>The application that issued or renewed the licence.</summary>
    public Guid? ApplicationId { get; private set; }

    private LicenceHistoryEntry()
    {
    }

    public LicenceHistoryEntry(Licence licence, DateTimeOffset at, string cause, Guid? applicationId)
    {
        LicenceNumber = licence.LicenceNumber;
        At = at;
        Status = licence.Status;
        Cause = cause;
        ValidUntil = licence.ValidUntil;
        ApplicationId = applicationId;
    }
}
