using LicenceApplications.Contracts;

namespace LicenceApplications.Api.Licences;

internal static class LicenceEvents
{
    /// <summary>Queues licence-status-changed in the same SaveChanges as the change, ordered per licence.</summary>
    public static void AddStatusChanged(
        this LicenceApplicationsDbContext db, Licence licence, LicenceStatus previous, string? reason, DateTimeOffset at) =>
        db.AddIntegrationEvent(
            new LicenceStatusChangedIntegrationEvent(
                licence.LicenceNumber, licence.RegistrationNumber, licence.LicenceType, previous.ToString(),
                licence.Status.ToString(), reason, licence.ValidUntil, licence.Version, at) { OccurredAt = at },
            orderingKey: licence.LicenceNumber);
}
