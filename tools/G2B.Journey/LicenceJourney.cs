using System.Diagnostics;
using System.Security.Cryptography;

namespace G2B.Journey;

public sealed record JourneyResult(
    string Subject,
    string RegistrationNumber,
    Guid ApplicationId,
    string PaymentReference,
    string BankTransactionId,
    string LicenceNumber,
    TimeSpan SubmitToIssued)
{
    /// <summary>How long each step took, in the order they ran (see <see cref="LicenceJourney.StepNames"/>).</summary>
    public IReadOnlyList<JourneyStep> Steps { get; init; } = [];
}

/// <summary>One step of a journey and its duration, measured by the client.</summary>
public sealed record JourneyStep(string Name, TimeSpan Took);

/// <summary>
/// The suite's main job, end to end, through the gateway only: a business registers a company,
/// applies for a licence that needs no review, its bank pays the fee with the payment reference,
/// and the licence is issued, listed on the company and publicly verifiable.
/// </summary>
public sealed class LicenceJourney(SuiteApi suite, IPaymentChannel bank, Action<string>? report = null)
{
    public TimeSpan StepTimeout { get; init; } = Eventually.DefaultTimeout;

    /// <summary>How the application's changes are waited for: on the event stream (the default), or by polling.</summary>
    public WaitMode Wait { get; init; } = WaitMode.Stream;

    public StreamWaitOptions StreamWait { get; init; } = new();

    /// <summary>Where the waits are counted (the load tool shares one between journeys).</summary>
    public WaitTally Waits { get; init; } = new();

    /// <summary>The steps a journey times, in order: what the load tool reports per step.</summary>
    public static readonly IReadOnlyList<string> StepNames =
        ["token", "stream open", "register", "catalogue", "apply", "invoice seen", "pay", "issued seen", "registry lists", "verify"];

    public async Task<JourneyResult> RunAsync(CancellationToken ct = default)
    {
        var steps = new List<JourneyStep>(StepNames.Count);
        var clock = Stopwatch.StartNew();
        var lap = TimeSpan.Zero;
        void Step(string name)
        {
            var now = clock.Elapsed;
            steps.Add(new JourneyStep(name, now - lap));
            lap = now;
        }

        var subject = $"business-{Guid.NewGuid():N}"[..21];
        var token = await suite.TokenAsync(subject, "business", ct);
        Step("token");
        report?.Invoke($"token       business '{subject}' signed in through POST /dev/token");

        // Listening from before the company exists: no event of this business can be missed.
        await using var waits = await ApplicationWaits.StartAsync(suite, token, Wait, Waits, StreamWait, ct);
        Step("stream open");
        report?.Invoke(Wait == WaitMode.Stream
            ? "listening   GET /api/events/stream with the business's token"
            : "polling     GET /api/applications/{id} for every wait");

        var company = await suite.RegisterCompanyAsync(token, NewCompany(), ct);
        Step("register");
        report?.Invoke($"registered  {company.RegistrationNumber} '{company.LegalName}' ({company.Status})");

        var types = await suite.LicenceTypesAsync(ct);
        Step("catalogue");
        var type = types.First(t => !t.RequiresReview && Eligible(t, company.ActivityCodes));
        report?.Invoke($"catalogue   {types.Count} licence types; applying for {type.Code} ({type.Fee} {type.Currency}, no review)");

        var application = await suite.ApplyAsync(token, company.RegistrationNumber, type.Code, Guid.NewGuid().ToString(), ct);
        var submitted = Stopwatch.StartNew();
        Step("apply");
        report?.Invoke($"applied     application {application.ApplicationId} is {application.Status}");

        application = await waits.UntilAsync(
            application.ApplicationId, a => a.PaymentReference is not null, e => e.Type == "invoice.issued",
            "the invoice's payment reference on the application", StepTimeout, ct);
        var reference = application.PaymentReference!;
        Step("invoice seen");
        report?.Invoke($"invoice     payment reference {reference}");

        var payment = await bank.PayAsync(reference, ct);
        if (payment.Answer.Status != "accepted")
        {
            throw new InvalidOperationException($"The suite answered the payment with {payment.Answer}.");
        }

        var transactionId = payment.BankTransactionId;
        Step("pay");
        report?.Invoke($"paid        {bank.Name} paid {payment.Amount} {payment.Currency} to '{payment.PayeeName}', transaction {transactionId}: {payment.Answer.Status}");

        application = await waits.UntilAsync(
            application.ApplicationId, a => a.Status == "Issued", AnnouncesIssued,
            "the application to be Issued", StepTimeout, ct);
        var issuedAfter = submitted.Elapsed;
        Step("issued seen");
        report?.Invoke($"issued      licence {application.LicenceNumber} ({issuedAfter.TotalMilliseconds:F0} ms after submission)");

        var licenceNumber = application.LicenceNumber!;
        await Eventually.UntilAsync(
            c => suite.GetCompanyAsync(token, company.RegistrationNumber, c),
            c => c.Licences.Any(l => l.LicenceNumber == licenceNumber && l.Status == "Active"),
            "the licence on the company in the registry", StepTimeout, ct);
        Step("registry lists");
        report?.Invoke($"registry    {company.RegistrationNumber} lists {licenceNumber} as Active");

        var verification = await suite.VerifyAsync(licenceNumber, ct);
        Step("verify");
        report?.Invoke($"verified    GET /verify/licences/{licenceNumber}: {verification.Status}, holder '{verification.HolderName}', valid until {verification.ValidUntil}");

        return new JourneyResult(subject, company.RegistrationNumber, application.ApplicationId, reference, transactionId, licenceNumber, issuedAfter)
        {
            Steps = steps,
        };
    }

    /// <summary>The stream's word that an application is issued: its licence, or its own status change.</summary>
    public static bool AnnouncesIssued(StreamEvent e) =>
        e.Type == "licence.issued" || (e.Type == "application.status-changed" && e.Data("status") == "Issued");

    public static bool Eligible(LicenceType type, IReadOnlyList<string> activityCodes) =>
        type.EligibleActivityCodes.Count == 0 || type.EligibleActivityCodes.Intersect(activityCodes).Any();

    /// <summary>A company with a unique name and tax id, trading in retail (NACE 47.11).</summary>
    public static RegisterCompany NewCompany(params string[] activityCodes)
    {
        var taxId = string.Concat(Enumerable.Range(0, 12).Select(_ => RandomNumberGenerator.GetInt32(10)));
        var name = $"Journey Trading {RandomNumberGenerator.GetHexString(8)}";
        return new RegisterCompany(
            name,
            "LLC",
            taxId,
            new Address("12 Magtymguly Avenue", null, "Ashgabat", "Ashgabat", "744000", "TM"),
            activityCodes.Length > 0 ? activityCodes : ["47.11"]);
    }
}
