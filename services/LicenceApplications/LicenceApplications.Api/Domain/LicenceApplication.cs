namespace LicenceApplications.Api.Domain;

/// <summary>
/// An application for a licence, or for the renewal of one (<see cref="RenewalOf"/>). State changes
/// only through the guarded methods below, each of which writes a history line and a transition to
/// announce; illegal requests throw <see cref="InvalidStateException"/>, while events that arrive late
/// or twice use the Try* forms that report "nothing to do" instead.
/// </summary>
public sealed class LicenceApplication : IHeldByOwner
{
    public const string HeldCompanyNotActiveCause = "invoice-paid: held for review, company not active";
    public const string CompanyDissolvedCause = "company-dissolved";

    /// <summary>Who changed an application when no person did (a payment, an expired invoice, a dissolution).</summary>
    public const string System = "system";

    /// <summary>How long after a rejection the owner may appeal.</summary>
    public static readonly TimeSpan AppealPeriod = TimeSpan.FromDays(30);

    private readonly List<ApplicationHistoryEntry> _history = [];
    private readonly List<InformationRequest> _informationRequests = [];
    private readonly List<ApplicationTransition> _transitions = [];

    public Guid Id { get; private set; }

    public string RegistrationNumber { get; private set; } = "";

    public string LicenceType { get; private set; } = "";

    public string OwnerSubject { get; private set; } = "";

    public ApplicationStatus Status { get; private set; }

    public decimal Fee { get; private set; }

    public string Currency { get; private set; } = "";

    public DateTimeOffset SubmittedAt { get; private set; }

    public string? PaymentReference { get; private set; }

    public string? LicenceNumber { get; private set; }

    public string? DecisionReason { get; private set; }

    /// <summary>The licence a renewal application renews; null for an application for a new licence.</summary>
    public string? RenewalOf { get; private set; }

    /// <summary>Grows with every status change (published on application-status-changed).</summary>
    public long Version { get; private set; }

    /// <summary>When a regulator should have decided: payment + the type's review days, plus the time spent waiting for information.</summary>
    public DateTimeOffset? ReviewDueAt { get; private set; }

    /// <summary>When the review clock stopped (information requested); null while it runs.</summary>
    public DateTimeOffset? ClockStoppedAt { get; private set; }

    public DateTimeOffset? RejectedAt { get; private set; }

    /// <summary>The regulator who rejected it: that one may not decide the appeal (four eyes).</summary>
    public string? RejectedBy { get; private set; }

    public DateTimeOffset? AppealedAt { get; private set; }

    public IReadOnlyList<ApplicationHistoryEntry> History => _history;

    public IReadOnlyList<InformationRequest> InformationRequests => _informationRequests;

    private LicenceApplication()
    {
    }

    public static LicenceApplication Submit(Company company, LicenceType type, string ownerSubject, DateTimeOffset now) =>
        Create(company.RegistrationNumber, type, ownerSubject, renewalOf: null, now);

    public static LicenceApplication SubmitRenewal(Licence licence, LicenceType type, string ownerSubject, DateTimeOffset now) =>
        Create(licence.RegistrationNumber, type, ownerSubject, licence.LicenceNumber, now);

    private static LicenceApplication Create(
        string registrationNumber, LicenceType type, string ownerSubject, string? renewalOf, DateTimeOffset now)
    {
        var application = new LicenceApplication
        {
            Id = Guid.CreateVersion7(now),
            RegistrationNumber = registrationNumber,
            LicenceType = type.Code,
            OwnerSubject = ownerSubject,
            Status = ApplicationStatus.AwaitingPayment,
            Fee = type.Fee,
            Currency = type.Currency,
            SubmittedAt = now,
            RenewalOf = renewalOf,
            Version = 1,
        };
        application._history.Add(new ApplicationHistoryEntry(
            application.Id, application.Status, now, renewalOf is null ? "submitted" : $"renewal-submitted: {renewalOf}", ownerSubject));
        return application;
    }

    /// <summary>Transitions saved since the last drain, oldest first; the caller publishes them.</summary>
    public IReadOnlyList<ApplicationTransition> DrainTransitions()
    {
        var drained = _transitions.ToList();
        _transitions.Clear();
        return drained;
    }

    /// <summary>Overdue: under review (the clock running) past its due time.</summary>
    public bool IsOverdue(DateTimeOffset now) => Status == ApplicationStatus.UnderReview && ReviewDueAt < now;

    /// <summary>The invoice may be announced after it was paid (events reorder): only the first reference sticks.</summary>
    public bool TrySetPaymentReference(string reference)
    {
        if (PaymentReference is not null)
        {
            return false;
        }

        PaymentReference = reference;
        return true;
    }

    /// <summary>
    /// Payment moves an unpaid application on. A type without review is issued only when the holder
    /// company is confirmed Active at that moment; otherwise the paid application is held for a
    /// regulator (UnderReview), who can approve it once the company is Active again. A payment for an
    /// application that already expired or was cancelled is recorded (someone must refund it) but
    /// changes nothing else.
    /// </summary>
    public PaymentOutcome RecordPayment(string paymentReference, LicenceType type, bool companyActive, DateTimeOffset at)
    {
        TrySetPaymentReference(paymentReference);
        if (Status == ApplicationStatus.AwaitingPayment)
        {
            if (type.RequiresReview || !companyActive)
            {
                ReviewDueAt = at.AddDays(type.ReviewDays);
                MoveTo(ApplicationStatus.UnderReview, at, type.RequiresReview ? "invoice-paid" : HeldCompanyNotActiveCause, System);
                return type.RequiresReview ? PaymentOutcome.SentToReview : PaymentOutcome.HeldCompanyNotActive;
            }

            MoveTo(ApplicationStatus.Issued, at, "invoice-paid", System);
            return PaymentOutcome.ReadyToIssue;
        }

        if (Status is ApplicationStatus.Expired or ApplicationStatus.Cancelled
            && !_history.Any(h => h.Cause.StartsWith("payment-after-", StringComparison.Ordinal)))
        {
            _history.Add(new ApplicationHistoryEntry(Id, Status, at, $"payment-after-{Status.ToString().ToLowerInvariant()}", System));
            return PaymentOutcome.PaidTooLate;
        }

        return PaymentOutcome.AlreadyHandled;
    }

    /// <summary>
    /// A regulator's decision on an application under review, or on an appeal (upheld: issued;
    /// dismissed: rejected for good). Whether this regulator may decide an appeal is
    /// <see cref="MayDecideAppeal"/>.
    /// </summary>
    public void Decide(bool approve, string? reason, string regulator, DateTimeOffset at)
    {
        // Issued is also reachable from AwaitingPayment (by payment), so a decision checks its own source state.
        if (Status is not (ApplicationStatus.UnderReview or ApplicationStatus.UnderAppeal))
        {
            throw new InvalidStateException($"Only an application under review or appeal can be decided; this one is {Status}.");
        }

        var appeal = Status == ApplicationStatus.UnderAppeal;
        var cause = (appeal, approve) switch
        {
            (false, true) => "regulator-approved",
            (false, false) => "regulator-rejected",
            (true, true) => "appeal-upheld",
            (true, false) => "appeal-dismissed",
        };
        DecisionReason = reason;
        if (!approve)
        {
            RejectedAt = at;
            RejectedBy = regulator;
        }

        MoveTo(approve ? ApplicationStatus.Issued : ApplicationStatus.Rejected, at,
            string.IsNullOrWhiteSpace(reason) ? cause : $"{cause}: {reason}", regulator, reason);
    }

    /// <summary>Four eyes: the regulator who rejected an application does not decide its appeal.</summary>
    public bool MayDecideAppeal(string regulator) => Status != ApplicationStatus.UnderAppeal || RejectedBy != regulator;

    /// <summary>The review clock stops until the owner answers.</summary>
    public void RequestInformation(string message, string regulator, DateTimeOffset at)
    {
        MoveTo(ApplicationStatus.InformationRequested, at, $"information-requested: {message}", regulator, message);
        ClockStoppedAt = at;
        _informationRequests.Add(new InformationRequest(Id, message, regulator, at));
    }

    /// <summary>Back to review; the due time moves on by the time the question waited.</summary>
    public void ProvideInformation(string message, IReadOnlyCollection<Guid> documentIds, DateTimeOffset at)
    {
        MoveTo(ApplicationStatus.UnderReview, at, $"information-provided: {message}", OwnerSubject, message);
        ReviewDueAt += at - ClockStoppedAt;
        ClockStoppedAt = null;
        _informationRequests.Where(r => r.RespondedAt is null).OrderBy(r => r.RequestedAt).Last().Answer(message, documentIds, at);
    }

    /// <summary>The owner withdraws a paid application before it is decided; the fee is not refunded.</summary>
    public void Withdraw(DateTimeOffset at) => MoveTo(ApplicationStatus.Withdrawn, at, "withdrawn-by-owner", OwnerSubject);

    /// <summary>Once, within <see cref="AppealPeriod"/> of the rejection.</summary>
    public void Appeal(string grounds, DateTimeOffset at)
    {
        if (Status == ApplicationStatus.Rejected && AppealedAt is not null)
        {
            throw new InvalidStateException("The appeal was dismissed; the rejection is final.");
        }

        if (Status == ApplicationStatus.Rejected && at > RejectedAt + AppealPeriod)
        {
            throw new InvalidStateException($"The appeal period ended on {RejectedAt + AppealPeriod:yyyy-MM-dd}.");
        }

        MoveTo(ApplicationStatus.UnderAppeal, at, $"appealed: {grounds}", OwnerSubject, grounds);
        AppealedAt = at;
    }

    /// <summary>The owner may cancel only before payment (a paid application is no longer the owner's to drop).</summary>
    public void Cancel(DateTimeOffset at)
    {
        if (Status != ApplicationStatus.AwaitingPayment)
        {
            throw new InvalidStateException($"An application in status {Status} cannot become {ApplicationStatus.Cancelled}.");
        }

        MoveTo(ApplicationStatus.Cancelled, at, "cancelled-by-owner", OwnerSubject);
    }

    /// <summary>
    /// What it was for is gone (the company dissolved, the licence a renewal renews revoked or
    /// surrendered): a pending application ends. False when it was already settled.
    /// </summary>
    public bool TryCancel(string cause, DateTimeOffset at)
    {
        if (!ApplicationStateMachine.IsPending(Status))
        {
            return false;
        }

        MoveTo(ApplicationStatus.Cancelled, at, cause, System);
        return true;
    }

    /// <summary>The invoice expired unpaid. Anything but an unpaid application ignores it.</summary>
    public bool TryExpire(DateTimeOffset at)
    {
        if (!ApplicationStateMachine.CanMove(Status, ApplicationStatus.Expired))
        {
            return false;
        }

        MoveTo(ApplicationStatus.Expired, at, "invoice-expired", System);
        return true;
    }

    /// <summary>The licence issued for it, or for a renewal the licence it renewed.</summary>
    public void AttachLicence(string licenceNumber)
    {
        if (Status != ApplicationStatus.Issued || LicenceNumber is not null || (RenewalOf is not null && RenewalOf != licenceNumber))
        {
            throw new InvalidStateException($"Application {Id} cannot take a licence in status {Status}.");
        }

        LicenceNumber = licenceNumber;
    }

    private void MoveTo(ApplicationStatus target, DateTimeOffset at, string cause, string changedBy, string? message = null)
    {
        if (!ApplicationStateMachine.CanMove(Status, target))
        {
            throw new InvalidStateException($"An application in status {Status} cannot become {target}.");
        }

        var previous = Status;
        Status = target;
        Version++;
        _history.Add(new ApplicationHistoryEntry(Id, target, at, cause, changedBy));
        _transitions.Add(new ApplicationTransition(previous, target, message, changedBy, Version, at));
    }
}

public enum PaymentOutcome
{
    ReadyToIssue,
    SentToReview,
    HeldCompanyNotActive,
    PaidTooLate,
    AlreadyHandled,
}
