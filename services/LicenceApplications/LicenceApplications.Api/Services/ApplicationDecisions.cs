using G2B.Eventing;
using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using LicenceApplications.Contracts;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.Services;

/// <summary>The state changes of an application that people or events ask for, each saved with its events.</summary>
public sealed class ApplicationDecisions(
    LicenceApplicationsDbContext db, LicenceIssuer issuer, CompanyDirectory companies, TimeProvider time)
{
    public Task<LicenceApplication?> LoadAsync(Guid id, CancellationToken ct) =>
        db.Applications.Include(a => a.History).FirstOrDefaultAsync(a => a.Id == id, ct);

    public Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);

    /// <summary>Forgets everything read so far, so a command that lost a concurrency race can decide again on fresh rows.</summary>
    public void Forget() => db.ChangeTracker.Clear();

    /// <summary>
    /// Regulator's decision; only an application under review can take one. Approval issues a licence,
    /// so the registry must confirm the company is Active at that moment.
    /// </summary>
    public async Task DecideAsync(LicenceApplication application, bool approve, string? reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        application.Decide(approve, reason, now);
        if (approve)
        {
            var status = await companies.ConfirmStatusAsync(application.RegistrationNumber, ct);
            if (status != Company.Active)
            {
                throw new CompanyNotActiveException(status);
            }

            var type = await db.LicenceTypes.SingleAsync(t => t.Code == application.LicenceType, ct);
            await issuer.IssueAsync(application, type, now, ct);
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task CancelAsync(LicenceApplication application, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        application.Cancel(now);
        AddCancelled(application, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Cancels every open application of a dissolved company; the caller saves (inside the inbox transaction).</summary>
    public async Task<int> CancelOpenForDissolvedCompanyAsync(string registrationNumber, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var open = await db.Applications.Include(a => a.History)
            .Where(a => a.RegistrationNumber == registrationNumber && ApplicationStateMachine.OpenStatuses.Contains(a.Status))
            .ToListAsync(ct);
        foreach (var application in open.Where(a => a.TryCancelForDissolvedCompany(now)))
        {
            // Fee payments expires the invoice on this event, so a bank can no longer pay it.
            AddCancelled(application, now);
        }

        return open.Count;
    }

    /// <summary>
    /// Applies a confirmed payment. Runs inside the inbox transaction; a redelivery or a second
    /// payment event finds nothing left to do. Issue needs the registry to confirm the company is
    /// Active now: a suspended, dissolved or unconfirmed company's paid application waits for a regulator.
    /// </summary>
    public async Task<PaymentOutcome> RecordPaymentAsync(LicenceApplication application, string paymentReference, CancellationToken ct)
    {
        var type = await db.LicenceTypes.SingleAsync(t => t.Code == application.LicenceType, ct);
        var companyActive = true;
        if (application.Status == ApplicationStatus.AwaitingPayment && !type.RequiresReview)
        {
            companyActive = await companies.ConfirmStatusAsync(application.RegistrationNumber, ct) == Company.Active;
        }

        var now = time.GetUtcNow();
        var outcome = application.RecordPayment(paymentReference, type.RequiresReview, companyActive, now);
        if (outcome == PaymentOutcome.ReadyToIssue)
        {
            await issuer.IssueAsync(application, type, now, ct);
        }

        await db.SaveChangesAsync(ct);
        return outcome;
    }

    private void AddCancelled(LicenceApplication application, DateTimeOffset now) =>
        db.AddIntegrationEvent(new ApplicationCancelledIntegrationEvent(application.Id, now) { OccurredAt = now },
            orderingKey: application.Id.ToString());
}

/// <summary>A licence cannot be issued now: the registry says the company is not Active, or could not say (null).</summary>
public sealed class CompanyNotActiveException(string? status)
    : Exception(status is null ? "The registry could not confirm the company's status." : $"The company is {status}.")
{
    public string? Status { get; } = status;
}
