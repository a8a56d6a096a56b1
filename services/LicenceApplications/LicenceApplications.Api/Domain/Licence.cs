namespace LicenceApplications.Api.Domain;

public enum LicenceStatus
{
    Active,
    Suspended,
    Revoked,
    Expired,
    /// <summary>Given up by its holder; final.</summary>
    Surrendered,
}

/// <summary>
/// An issued licence. <see cref="Version"/> grows with every change so consumers of
/// licence-status-changed can drop stale events; <see cref="SuspensionCause"/> remembers why a
/// licence is suspended, because reinstating a company must only revive the licences its own
/// suspension took down, not those a regulator suspended on their own. Every change, renewals
/// included, leaves a line in <see cref="History"/>.
/// </summary>
public sealed class Licence : IHeldByOwner
{
    public const string CompanySuspendedCause = "company-suspended";
    public const string RegulatorCause = "regulator";

    public string LicenceNumber { get; private set; } = "";

    public Guid ApplicationId { get; private set; }

    public string RegistrationNumber { get; private set; } = "";

    public string LicenceType { get; private set; } = "";

    public string OwnerSubject { get; private set; } = "";

    public LicenceStatus Status { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly ValidUntil { get; private set; }

    public string? SuspensionCause { get; private set; }

    public string? StatusReason { get; private set; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    public long Version { get; private set; }

    /// <summary>
    /// The holder company's activities no longer admit the licence type (an amendment removed them):
    /// flagged for a regulator to decide, never revoked by a machine.
    /// </summary>
    public bool EligibilityLapsed { get; private set; }

    public IReadOnlyList<LicenceHistoryEntry> History => _history;

    private readonly List<LicenceHistoryEntry> _history = [];

    private Licence()
    {
    }

    /// <summary>Valid from the issue date for the type's months, inclusive of the last day.</summary>
    public static Licence Issue(string licenceNumber, LicenceApplication application, LicenceType type, DateTimeOffset now)
    {
        var validFrom = DateOnly.FromDateTime(now.UtcDateTime);
        var licence = new Licence
        {
            LicenceNumber = licenceNumber,
            ApplicationId = application.Id,
            RegistrationNumber = application.RegistrationNumber,
            LicenceType = type.Code,
            OwnerSubject = application.OwnerSubject,
            Status = LicenceStatus.Active,
            IssuedAt = now,
            ValidFrom = validFrom,
            ValidUntil = validFrom.AddMonths(type.ValidityMonths).AddDays(-1),
            StatusChangedAt = now,
            Version = 1,
        };
        licence._history.Add(new LicenceHistoryEntry(licence, now, "issued", application.Id));
        return licence;
    }

    /// <summary>
    /// A paid (and approved) renewal: the validity moves on by the type's months from the old end date,
    /// not from the payment date. An Expired licence inside its grace period becomes Active again; a
    /// suspended one stays suspended (with the longer validity) until its suspension is lifted.
    /// Returns the status and end date before the renewal.
    /// </summary>
    public (LicenceStatus Status, DateOnly ValidUntil) Renew(LicenceType type, Guid applicationId, DateTimeOffset at)
    {
        Require(Status is LicenceStatus.Active or LicenceStatus.Suspended or LicenceStatus.Expired, "renewed");
        var before = (Status, ValidUntil);
        ValidUntil = ValidUntil.AddDays(1).AddMonths(type.ValidityMonths).AddDays(-1);
        if (Status == LicenceStatus.Expired)
        {
            Status = LicenceStatus.Active;
            StatusReason = "renewed";
            StatusChangedAt = at;
        }

        Version++;
        _history.Add(new LicenceHistoryEntry(this, at, "renewed", applicationId));
        return before;
    }

    public LicenceStatus Surrender(string reason, DateTimeOffset at)
    {
        Require(Status is LicenceStatus.Active or LicenceStatus.Suspended, "surrendered");
        SuspensionCause = null;
        return MoveTo(LicenceStatus.Surrendered, reason, at);
    }

    /// <summary>True when the flag changed.</summary>
    public bool TrySetEligibilityLapsed(bool lapsed)
    {
        if (EligibilityLapsed == lapsed)
        {
            return false;
        }

        EligibilityLapsed = lapsed;
        return true;
    }

    /// <summary>Inside the renewal window: from <c>RenewalWindowDays</c> before the end date to <c>RenewalGraceDays</c> after it.</summary>
    public (DateOnly Opens, DateOnly Closes) RenewalWindow(LicenceType type) =>
        (ValidUntil.AddDays(-type.RenewalWindowDays), ValidUntil.AddDays(type.RenewalGraceDays));

    public LicenceStatus Suspend(string cause, string? reason, DateTimeOffset at)
    {
        Require(Status == LicenceStatus.Active, "suspended");
        SuspensionCause = cause;
        return MoveTo(LicenceStatus.Suspended, reason, at);
    }

    public LicenceStatus Reinstate(string? reason, DateTimeOffset at)
    {
        Require(Status == LicenceStatus.Suspended, "reinstated");
        SuspensionCause = null;
        return MoveTo(LicenceStatus.Active, reason, at);
    }

    public LicenceStatus Revoke(string? reason, DateTimeOffset at)
    {
        Require(Status is LicenceStatus.Active or LicenceStatus.Suspended, "revoked");
        SuspensionCause = null;
        return MoveTo(LicenceStatus.Revoked, reason, at);
    }

    /// <summary>Time is up whatever else happened, unless the licence is already revoked.</summary>
    public LicenceStatus Expire(DateTimeOffset at)
    {
        Require(Status is LicenceStatus.Active or LicenceStatus.Suspended, "expired");
        SuspensionCause = null;
        return MoveTo(LicenceStatus.Expired, "validity-ended", at);
    }

    public bool IsPastValidity(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) > ValidUntil;

    private void Require(bool allowed, string verb)
    {
        if (!allowed)
        {
            throw new InvalidStateException($"A licence in status {Status} cannot be {verb}.");
        }
    }

    private LicenceStatus MoveTo(LicenceStatus target, string? reason, DateTimeOffset at)
    {
        var previous = Status;
        Status = target;
        StatusReason = reason;
        StatusChangedAt = at;
        Version++;
        _history.Add(new LicenceHistoryEntry(this, at, reason ?? target.ToString().ToLowerInvariant(), applicationId: null));
        return previous;
    }
}
