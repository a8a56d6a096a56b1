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
    InformationRequested,
    Withdrawn,
    UnderAppeal,
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
        // -> Cancelled only when the company is dissolved or the licence a renewal renews ends (the owner cancels only before payment).
        [ApplicationStatus.UnderReview] =
        [
            ApplicationStatus.Issued, ApplicationStatus.Rejected, ApplicationStatus.Cancelled,
            ApplicationStatus.InformationRequested, ApplicationStatus.Withdrawn,
        ],
        [ApplicationStatus.InformationRequested] =
            [ApplicationStatus.UnderReview, ApplicationStatus.Withdrawn, ApplicationStatus.Cancelled],
        // Once, within the appeal period: a dismissed appeal leaves the application Rejected for good.
        [ApplicationStatus.Rejected] = [ApplicationStatus.UnderAppeal],
        [ApplicationStatus.UnderAppeal] = [ApplicationStatus.Issued, ApplicationStatus.Rejected, ApplicationStatus.Cancelled],
        [ApplicationStatus.Issued] = [],
        [ApplicationStatus.Expired] = [],
        [ApplicationStatus.Cancelled] = [],
        [ApplicationStatus.Withdrawn] = [],
    };

    /// <summary>Open applications block a second one of the same type (see the partial unique indexes).</summary>
    public static readonly ApplicationStatus[] OpenStatuses =
        [ApplicationStatus.AwaitingPayment, ApplicationStatus.UnderReview, ApplicationStatus.InformationRequested];

    /// <summary>Not settled yet: open, or an appeal awaiting its decision. These end when the company or licence does.</summary>
    public static readonly ApplicationStatus[] PendingStatuses = [.. OpenStatuses, ApplicationStatus.UnderAppeal];

    public static bool CanMove(ApplicationStatus from, ApplicationStatus to) => _allowed[from].Contains(to);

    public static bool IsOpen(ApplicationStatus status) => OpenStatuses.Contains(status);

    public static bool IsPending(ApplicationStatus status) => PendingStatuses.Contains(status);
}
