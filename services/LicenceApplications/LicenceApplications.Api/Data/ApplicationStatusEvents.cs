using LicenceApplications.Contracts;

namespace LicenceApplications.Api.Data;

internal static class ApplicationStatusEvents
{
    /// <summary>
    /// Turns the transitions of every tracked application into application-status-changed outbox rows,
    /// ordered per application: one place, so no transition (a person's or an event's) goes unannounced.
    /// </summary>
    public static void AddApplicationStatusChangedEvents(this LicenceApplicationsDbContext db)
    {
        foreach (var application in db.ChangeTracker.Entries<LicenceApplication>().Select(e => e.Entity).ToList())
        {
            foreach (var t in application.DrainTransitions())
            {
                db.AddIntegrationEvent(
                    new ApplicationStatusChangedIntegrationEvent(
                        application.Id, application.RegistrationNumber, application.LicenceType, t.Previous.ToString(),
                        t.Status.ToString(), t.Message, application.RenewalOf, t.ChangedBy, t.Version, t.At) { OccurredAt = t.At },
                    orderingKey: application.Id.ToString());
            }
        }
    }
}
