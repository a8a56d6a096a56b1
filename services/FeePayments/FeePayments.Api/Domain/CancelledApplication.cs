namespace FeePayments.Api.Domain;

/// <summary>
/// An application whose cancellation arrived before its submission (the two travel on different topics,
/// so nothing orders them). Remembered so that the late submission issues no payable invoice.
/// </summary>
public sealed class CancelledApplication
{
    public Guid ApplicationId { get; set; }
    public DateTimeOffset CancelledAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
