using G2B.Eventing;
using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using LicenceApplications.Contracts;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.Services;

/// <summary>The state changes of an application that people or events ask for, each saved with its events.</summary>
public sealed class ApplicationDecisions(LicenceApplicationsDbContext db, LicenceIssuer issuer, TimeProvider time)
{
    public Task<LicenceApplication?> LoadAsync(Guid id, CancellationToken ct) =>
        db.Applications.Include(a => a.History).FirstOrDefaultAsync(a => a.Id == id, ct);

    public Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);

    /// <summary>Regulator's decision; only an application under review can take one.</summary>
    public async Task DecideAsync(LicenceApplication application, bool approve, string? reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        application.Decide(approve, reason, now);
        if (approve)
        {
            var type = await db.LicenceTypes.SingleAsync(t => t.Code == application.LicenceType, ct);
            await issuer.IssueAsync(application, type, now, ct);
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task CancelAsync(LicenceApplication application, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        application.Cancel(now);
        db.AddIntegrationEvent(new ApplicationCancelledIntegrationEvent(application.Id, now) { OccurredAt = now },
            orderingKey: application.Id.ToString());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Applies a confirmed payment. Runs inside the inbox transaction; a redelivery or a second
    /// payment event finds nothing left to do.
    /// </summary>
    public async Task<PaymentOutcome> RecordPaymentAsync(LicenceApplication application, string paymentReference, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var type = await db.LicenceTypes.SingleAsync(t => t.Code == application.LicenceType, ct);
        var outcome = application.RecordPayment(paymentReference, type.RequiresReview, now);
        if (outcome == PaymentOutcome.ReadyToIssue)
        {
            await issuer.IssueAsync(application, type, now, ct);
        }

        await db.SaveChangesAsync(ct);
        return outcome;
    }
}
