using LicenceApplications.Contracts;

namespace CompanyRegistry.Api.IntegrationEvents.Handlers;

public sealed class LicenceIssuedHandler(LicenceProjection projection) : IIntegrationEventHandler<LicenceIssuedIntegrationEvent>, IInboxClaimingHandler
{
    public Task HandleAsync(LicenceIssuedIntegrationEvent evt, CancellationToken ct) =>
        projection.ApplyAsync(LicenceIssuedIntegrationEvent.Topic, evt.RegistrationNumber, evt.LicenceNumber,
            evt.LicenceType, evt.Status, evt.ValidUntil, evt.Version, ct);
}

public sealed class LicenceStatusChangedHandler(LicenceProjection projection) : IIntegrationEventHandler<LicenceStatusChangedIntegrationEvent>, IInboxClaimingHandler
{
    public Task HandleAsync(LicenceStatusChangedIntegrationEvent evt, CancellationToken ct) =>
        projection.ApplyAsync(LicenceStatusChangedIntegrationEvent.Topic, evt.RegistrationNumber, evt.LicenceNumber,
            evt.LicenceType, evt.Status, evt.ValidUntil, evt.Version, ct);
}

/// <summary>A renewal moves the licence's <c>validUntil</c> on (and may make an expired one Active again).</summary>
public sealed class LicenceRenewedHandler(LicenceProjection projection) : IIntegrationEventHandler<LicenceRenewedIntegrationEvent>, IInboxClaimingHandler
{
    public Task HandleAsync(LicenceRenewedIntegrationEvent evt, CancellationToken ct) =>
        projection.ApplyAsync(LicenceRenewedIntegrationEvent.Topic, evt.RegistrationNumber, evt.LicenceNumber,
            evt.LicenceType, evt.Status, evt.ValidUntil, evt.Version, ct);
}
