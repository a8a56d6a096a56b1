namespace LicenceApplications.Api.Domain;

/// <summary>Stored as text, so the names are part of the database and the public contract.</summary>
public enum ApplicationStatus
{
    AwaitingPayment,
    UnderReview,
    Issued,
    Rejected,
    Expired,
    Cancelled,
}

/// <summary>
/// The application lifecycle as data: every transition not listed here is illegal, whoever asks for it.
/// Keeping it in one table makes the state machine reviewable at a glance and testable exhaustively.
/// </summary>
public static class ApplicationStateMachine
{
    private static readonly Dictionary<ApplicationStatus, ApplicationStatus[]> _allowed = new()
    {
        [ApplicationStatus.AwaitingPayment] =
            [ApplicationStatus.UnderReview, ApplicationStatus.Issued, ApplicationStatus.Expired, ApplicationStatus.Cancelled],
        // UnderReview -> Cancelled only when the company is dissolved (the owner cancels only before payment).
        [ApplicationStatus.UnderReview] = [ApplicationStatus.Issued, ApplicationStatus.Rejected, ApplicationStatus.Cancelled],
        [ApplicationStatus.Issued] = [],
        [ApplicationStatus.Rejected] = [],
        [ApplicationStatus.Expired] = [],
        [ApplicationStatus.Cancelled] = [],
    };

    /// <summary>Open applications block a second one of the same type (see the partial unique index).</summary>
    public static readonly ApplicationStatus[] OpenStatuses = [ApplicationStatus.AwaitingPayment, ApplicationStatus.UnderReview];

    public static bool CanMove(ApplicationStatus from, ApplicationStatus to) => _allowed[from].Contains(to);

    public static bool IsOpen(ApplicationStatus status) => OpenStatuses.Contains(status);
}

