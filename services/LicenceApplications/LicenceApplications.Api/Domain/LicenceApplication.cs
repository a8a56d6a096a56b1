using G2B.ServiceDefaults;
namespace LicenceApplications.Api.Domain;

/// <summary>
/// An application for a licence. State changes only through the guarded methods below, each of which
/// writes a history line; illegal requests throw <see cref="InvalidStateException"/>, while events
/// that arrive late or twice use the Try* forms that report "nothing to do" instead.
/// </summary>
public sealed class LicenceApplication
{
    public const string HeldCompanyNotActiveCause = "invoice-paid: held for review, company not active";
    public const string CompanyDissolvedCause = "company-dissolved";

    private readonly List<ApplicationHistoryEntry> _history = [];

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

    public IReadOnlyList<ApplicationHistoryEntry> History => _history;

    private LicenceApplication()
    {
    }

    public static LicenceApplication Submit(Company company, LicenceType type, string ownerSubject, DateTimeOffset now)
    {
        var application = new LicenceApplication
        {
            Id = Guid.CreateVersion7(now),
            RegistrationNumber = company.RegistrationNumber,
            LicenceType = type.Code,
            OwnerSubject = ownerSubject,
            Status = ApplicationStatus.AwaitingPayment,
            Fee = type.Fee,
            Currency = type.Currency,
            SubmittedAt = now,
        };
        application._history.Add(new ApplicationHistoryEntry(application.Id, application.Status, now, "submitted"));
        return application;
    }

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
    public PaymentOutcome RecordPayment(string paymentReference, bool requiresReview, bool companyActive, DateTimeOffset at)
    {
        TrySetPaymentReference(paymentReference);
        if (Status == ApplicationStatus.AwaitingPayment)
        {
            if (requiresReview)
            {
                MoveTo(ApplicationStatus.UnderReview, at, "invoice-paid");
                return PaymentOutcome.SentToReview;
            }

            if (!companyActive)
            {
                MoveTo(ApplicationStatus.UnderReview, at, HeldCompanyNotActiveCause);
                return PaymentOutcome.HeldCompanyNotActive;
            }

            MoveTo(ApplicationStatus.Issued, at, "invoice-paid");
            return PaymentOutcome.ReadyToIssue;
        }

        if (Status is ApplicationStatus.Expired or ApplicationStatus.Cancelled
            && !_history.Any(h => h.Cause.StartsWith("payment-after-", StringComparison.Ordinal)))
        {
            _history.Add(new ApplicationHistoryEntry(Id, Status, at, $"payment-after-{Status.ToString().ToLowerInvariant()}"));
            return PaymentOutcome.PaidTooLate;
        }

        return PaymentOutcome.AlreadyHandled;
    }

    public void Decide(bool approve, string? reason, DateTimeOffset at)
    {
        // Issued is also reachable from AwaitingPayment (by payment), so a decision checks its own source state.
        if (Status != ApplicationStatus.UnderReview)
        {
            throw new InvalidStateException($"Only an application under review can be decided; this one is {Status}.");
        }

        var target = approve ? ApplicationStatus.Issued : ApplicationStatus.Rejected;
        DecisionReason = reason;
        var cause = approve ? "regulator-approved" : "regulator-rejected";
        MoveTo(target, at, string.IsNullOrWhiteSpace(reason) ? cause : $"{cause}: {reason}");
    }

    /// <summary>The owner may cancel only before payment (a paid application is no longer the owner's to drop).</summary>
    public void Cancel(DateTimeOffset at)
    {
        if (Status != ApplicationStatus.AwaitingPayment)
        {
            throw new InvalidStateException($"An application in status {Status} cannot become {ApplicationStatus.Cancelled}.");
        }

        MoveTo(ApplicationStatus.Cancelled, at, "cancelled-by-owner");
    }

    /// <summary>The holder company was dissolved: any open application ends. False when it was not open.</summary>
    public bool TryCancelForDissolvedCompany(DateTimeOffset at)
    {
        if (!ApplicationStateMachine.IsOpen(Status))
        {
            return false;
        }

        MoveTo(ApplicationStatus.Cancelled, at, CompanyDissolvedCause);
        return true;
    }

    /// <summary>The invoice expired unpaid. Anything but an unpaid application ignores it.</summary>
    public bool TryExpire(DateTimeOffset at)
    {
        if (!ApplicationStateMachine.CanMove(Status, ApplicationStatus.Expired))
        {
            return false;
        }

        MoveTo(ApplicationStatus.Expired, at, "invoice-expired");
        return true;
    }

    public void AttachLicence(string licenceNumber)
    {
        if (Status != ApplicationStatus.Issued || LicenceNumber is not null)
        {
            throw new InvalidStateException($"Application {Id} cannot take a licence in status {Status}.");
        }

        LicenceNumber = licenceNumber;
    }

    private void Guard(ApplicationStatus target)
    {
        if (!ApplicationStateMachine.CanMove(Status, target))
        {
            throw new InvalidStateException($"An application in status {Status} cannot become {target}.");
        }
    }

    private void MoveTo(ApplicationStatus target, DateTimeOffset at, string cause)
    {
        Guard(target);
        Status = target;
        _history.Add(new ApplicationHistoryEntry(Id, target, at, cause));
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
