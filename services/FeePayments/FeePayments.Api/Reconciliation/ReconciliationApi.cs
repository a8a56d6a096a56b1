using FeePayments.Api.Payments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FeePayments.Api.Reconciliation;

public sealed record ReconciliationRunResponse(IReadOnlyList<BankReconciliationResult> Banks);

/// <summary>A regulator reconciles with every bank now instead of waiting for the schedule.</summary>
public static class ReconciliationApi
{
    public static IEndpointRouteBuilder MapReconciliationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost($"{PaymentsApi.Prefix}/reconcile", ReconcileAsync)
            .WithTags("Payments")
            .RequireAuthorization(AuthPolicies.Regulator);
        return app;
    }

    internal static async Task<Ok<ReconciliationRunResponse>> ReconcileAsync(ReconciliationRunner runner, CancellationToken ct) =>
        TypedResults.Ok(new ReconciliationRunResponse(await runner.RunAsync(ct)));
}
