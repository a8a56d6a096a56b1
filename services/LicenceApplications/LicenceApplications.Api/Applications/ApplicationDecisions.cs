using LicenceApplications.Api.Companies;
using LicenceApplications.Api.Licences;

namespace LicenceApplications.Api.Applications;

/// <summary>What grants or refuses a licence: a regulator's decision (on a review or an appeal) and a confirmed payment.</summary>
public sealed class ApplicationDecisions(
    LicenceApplicationsDbContext db, LicenceIssuer issuer, CompanyDirectory companies, TimeProvider time)
{
    /// <summary>
    /// Regulator's decision; only an application under review or appeal can take one, and an appeal
    /// not from the regulator who rejected it. Approval grants the licence, so every required document
    /// must be there and the registry must confirm the company is Active at that moment. Run in a transaction
    /// (<see cref="ApplicationCommands.RunInTransactionAsync"/>): the licence number drawn here is given back if the save fails.
    /// </summary>
    public async Task<Refusal?> DecideAsync(
        LicenceApplication application, bool approve, string? reason, string regulator, CancellationToken ct)
    {
        if (!application.MayDecideAppeal(regulator))
        {
            return Refusal.Forbidden("The regulator who rejected an application does not decide its appeal.");
        }

        var now = time.GetUtcNow();
        application.Decide(approve, reason, regulator, now);
        if (approve)
        {
            var type = await db.LicenceTypes.SingleAsync(t => t.Code == application.LicenceType, ct);
            var missing = await MissingDocumentsAsync(application, type, ct);
            if (missing.Count > 0)
            {
                return Refusal.Conflict("documents-missing", "Required documents are missing.",
                    $"Upload a document of each kind before approval: {string.Join(", ", missing)}.");
            }

            if (await companies.RequireActiveAsync(application.RegistrationNumber, ct) is { } notActive)
            {
                return notActive;
            }

            await issuer.GrantAsync(application, type, now, ct);
        }

        await db.SaveChangesAsync(ct);
        return null;
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
        var outcome = application.RecordPayment(paymentReference, type, companyActive, now);
        if (outcome == PaymentOutcome.ReadyToIssue)
        {
            await issuer.GrantAsync(application, type, now, ct);
        }

        await db.SaveChangesAsync(ct);
        return outcome;
    }

    private async Task<List<string>> MissingDocumentsAsync(LicenceApplication application, LicenceType type, CancellationToken ct)
    {
        if (type.RequiredDocuments.Count == 0)
        {
            return [];
        }

        var present = await db.Documents.Where(d => d.ApplicationId == application.Id).Select(d => d.Kind).Distinct().ToListAsync(ct);
        return type.RequiredDocuments.Except(present).ToList();
    }
}
