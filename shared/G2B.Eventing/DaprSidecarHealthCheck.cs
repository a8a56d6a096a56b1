using Dapr.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace G2B.Eventing;

/// <summary>Asks the sidecar's <c>/v1.0/healthz</c>: without it nothing is published or delivered.</summary>
internal sealed class DaprSidecarHealthCheck(DaprClient daprClient) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await daprClient.CheckHealthAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, "The Dapr sidecar is not ready.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The Dapr sidecar is unreachable.", ex);
        }
    }
}
