using G2B.ServiceDefaults;
namespace LicenceApplications.Api.Domain;

public enum LicenceStatus
{
    Active,
    Suspended,
    Revoked,
    Expired,
}

/// <summary>
/// An issued licence. <see cref="Version"/> grows with every change so consumers of
/// licence-status-changed can drop stale events; <see cref="SuspensionCause"/> remembers why a
/// licence is suspended, because reinstating a company must only revive the licences its own
/// suspension took down, not those a regulator suspended on their own.
/// </summary>
public sealed class Licence
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

    private Licence()
    {
    }

    /// <summary>Valid from the issue date for the type's months, inclusive of the last day.</summary>
    public static Licence Issue(string licenceNumber, LicenceApplication application, LicenceType type, DateTimeOffset now)
    {
        var validFrom = DateOnly.FromDateTime(now.UtcDateTime);
        return new Licence
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
    }

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
        return previous;
    }
}
