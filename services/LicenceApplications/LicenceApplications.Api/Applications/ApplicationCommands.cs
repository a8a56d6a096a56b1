using G2B.Eventing;
using G2B.ServiceDefaults;
using LicenceApplications.Api.Companies;
using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using LicenceApplications.Api.Licences;
using LicenceApplications.Contracts;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.Applications;

/// <summary>The state changes of an application that people or events ask for, each saved with its events.</summary>
public sealed class ApplicationCommands(
    LicenceApplicationsDbContext db, LicenceIssuer issuer, CompanyDirectory companies, TimeProvider time)
{
    private const int MaxCommandAttempts = 5;

    public Task<LicenceApplication?> LoadAsync(Guid id, CancellationToken ct) =>
        db.Applications.Include(a => a.History).FirstOrDefaultAsync(a => a.Id == id, ct);

    public Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);

    public static Refusal NotFound(Guid applicationId) => Refusal.NotFound($"Application {applicationId} was not found.");

    /// <summary>
    /// Runs a person's command on a fresh read of the application. Events (an invoice issued, a
    /// payment) update the same row at any moment; losing that optimistic-concurrency race is not the
    /// person's fault, so the command is decided again on the new state (a bounded number of times).
    /// Only a real state conflict (the new state does not allow the command) answers 409.
    /// </summary>
    public async Task<Outcome<LicenceApplication>> RunAsync(
        Guid applicationId, Func<LicenceApplication, bool> mayAct, Func<LicenceApplication, Task<Refusal?>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var application = await LoadAsync(applicationId, ct);
            if (application is null || !mayAct(application))
            {
                return NotFound(applicationId);
            }

            try
            {
                var refusal = await change(application);
                return refusal is null ? application : refusal;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxCommandAttempts)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new InvalidStateException("The application kept changing while this request was handled; read it again.");
            }
        }
    }

    /// <summary>
    /// Regulator's decision; only an application under review can take one. Approval issues a licence,
    /// so the registry must confirm the company is Active at that moment.
    /// </summary>
    public async Task<Refusal?> DecideAsync(LicenceApplication application, bool approve, string? reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        application.Decide(approve, reason, now);
        if (approve)
        {
            var status = await companies.ConfirmStatusAsync(application.RegistrationNumber, ct);
            if (status is null)
            {
                return Refusal.RegistryUnavailable("The company's status could not be confirmed; retry shortly.");
            }

            if (status != Company.Active)
            {
                return Refusal.CompanyNotActive($"The company is {status}.");
            }

            var type = await db.LicenceTypes.SingleAsync(t => t.Code == application.LicenceType, ct);
            await issuer.IssueAsync(application, type, now, ct);
        }

        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<Refusal?> CancelAsync(LicenceApplication application, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        application.Cancel(now);
        AddCancelled(application, now);
        await db.SaveChangesAsync(ct);
        return null;
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
