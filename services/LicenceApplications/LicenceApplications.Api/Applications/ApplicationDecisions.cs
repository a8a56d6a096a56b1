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
    /// What a confirmed payment is decided on, in one statement: the application with its history and questions (as
    /// <see cref="ApplicationCommands.LoadAsync"/> reads it), its licence type (a foreign key: always there), and the
    /// company's activity codes as the local view holds them, which an issued licence's eligibility flag follows.
    /// Null when the application is unknown.
    /// </summary>
    public Task<PaymentSubject?> LoadForPaymentAsync(Guid applicationId, CancellationToken ct) => ForPayment(db, applicationId, ct);

    // Three reads of a payment's delivery in one round trip, inside the inbox's transaction (issue 16); compiled once,
    // as ApplicationCommands' read.
    private static readonly Func<LicenceApplicationsDbContext, Guid, CancellationToken, Task<PaymentSubject?>> ForPayment =
        EF.CompileAsyncQuery((LicenceApplicationsDbContext db, Guid id, CancellationToken ct) =>
            (from a in db.Applications.Include(a => a.History).Include(a => a.InformationRequests).AsSingleQuery()
             join t in db.LicenceTypes on a.LicenceType equals t.Code
             where a.Id == id
             select new PaymentSubject(
                 a,
                 t,
                 // As LicenceEligibility reads them: null while the view holds no details of the company.
                 db.Companies.Where(c => c.RegistrationNumber == a.RegistrationNumber && c.DetailsVersion > 0)
                     .Select(c => (List<string>?)c.ActivityCodes).FirstOrDefault()))
            .FirstOrDefault());

    /// <summary>
    /// Applies a confirmed payment. Runs inside the inbox transaction; a redelivery or a second
    /// payment event finds nothing left to do. Issue needs the registry to confirm the company is
    /// Active now: a suspended, dissolved or unconfirmed company's paid application waits for a regulator.
    /// </summary>
    public async Task<PaymentOutcome> RecordPaymentAsync(PaymentSubject payment, string paymentReference, CancellationToken ct)
    {
        var (application, type, activityCodes) = payment;
        var companyActive = true;
        if (application.Status == ApplicationStatus.AwaitingPayment && !type.RequiresReview)
        {
            companyActive = await companies.ConfirmStatusAsync(application.RegistrationNumber, ct) == Company.Active;
        }

        var now = time.GetUtcNow();
        var outcome = application.RecordPayment(paymentReference, type, companyActive, now);
        if (outcome == PaymentOutcome.ReadyToIssue)
        {
            await issuer.GrantAsync(application, type, activityCodes, now, ct);
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

/// <summary>A paid application, its licence type and its company's activity codes (null while the local view holds no details).</summary>
public sealed record PaymentSubject(LicenceApplication Application, LicenceType Type, List<string>? ActivityCodes);
