namespace LicenceApplications.Api.Domain;

/// <summary>
/// An application for a licence. State changes only through the guarded methods below, each of which
/// writes a history line; illegal requests throw <see cref="InvalidStateException"/>, while events
/// that arrive late or twice use the Try* forms that report "nothing to do" instead.
/// </summary>
public sealed class LicenceApplication
{
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
    /// Payment moves an unpaid application on. A payment for an application that already expired or
    /// was cancelled is recorded (someone must refund it) but changes nothing else.
    /// </summary>
    public PaymentOutcome RecordPayment(string paymentReference, bool requiresReview, DateTimeOffset at)
    {
        TrySetPaymentReference(paymentReference);
        if (Status == ApplicationStatus.AwaitingPayment)
        {
            MoveTo(requiresReview ? ApplicationStatus.UnderReview : ApplicationStatus.Issued, at, "invoice-paid");
            return requiresReview ? PaymentOutcome.SentToReview : PaymentOutcome.ReadyToIssue;
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

    public void Cancel(DateTimeOffset at)
    {
        Guard(ApplicationStatus.Cancelled);
        MoveTo(ApplicationStatus.Cancelled, at, "cancelled-by-owner");
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
    PaidTooLate,
    AlreadyHandled,
}
