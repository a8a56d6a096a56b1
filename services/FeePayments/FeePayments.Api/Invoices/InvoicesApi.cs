using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FeePayments.Api.Invoices;

public sealed record InvoiceResponse(
    string PaymentReference,
    Guid ApplicationId,
    decimal Amount,
    string Currency,
    string Status,
    DateTimeOffset DueAt,
    DateTimeOffset? PaidAt,
    string? BankCode,
    string? BankTransactionId,
    DateTimeOffset IssuedAt)
{
    public static InvoiceResponse From(Invoice i) => new(i.PaymentReference, i.ApplicationId, i.Amount, i.Currency,
        i.Status.ToString(), i.DueAt, i.PaidAt, i.BankCode, i.BankTransactionId, i.IssuedAt);
}

public sealed record InvoiceList(IReadOnlyList<InvoiceResponse> Items);

public static class InvoicesApi
{
    public static IEndpointRouteBuilder MapInvoicesApi(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/api/invoices")
            .WithTags("Invoices")
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(AuthPolicies.Business, AuthPolicies.Regulator));

        invoices.MapGet("/{paymentReference}", GetAsync);
        invoices.MapGet("/", ListByApplicationAsync);
        return app;
    }

    internal static async Task<Results<Ok<InvoiceResponse>, ProblemHttpResult>> GetAsync(
        string paymentReference, ClaimsPrincipal user, FeePaymentsDbContext db, CancellationToken ct)
    {
        if (PaymentReference.TryNormalize(paymentReference, out var reference))
        {
            var invoice = await VisibleTo(db, user).SingleOrDefaultAsync(i => i.PaymentReference == reference, ct);
            if (invoice is not null)
            {
                return TypedResults.Ok(InvoiceResponse.From(invoice));
            }
        }

        // Another business's invoice looks exactly like a missing one.
        return Problems.NotFound($"No invoice {paymentReference}.");
    }

    internal static async Task<Results<Ok<InvoiceList>, ProblemHttpResult>> ListByApplicationAsync(
        Guid? applicationId, ClaimsPrincipal user, FeePaymentsDbContext db, CancellationToken ct)
    {
        if (applicationId is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["applicationId"] = ["applicationId is required."] });
        }

        var items = await VisibleTo(db, user).Where(i => i.ApplicationId == applicationId).ToListAsync(ct);
        return TypedResults.Ok(new InvoiceList(items.Select(InvoiceResponse.From).ToList()));
    }

    private static IQueryable<Invoice> VisibleTo(FeePaymentsDbContext db, ClaimsPrincipal user)
    {
        var query = db.Invoices.AsNoTracking();
        if (user.IsRegulator())
        {
            return query;
        }

        var subject = user.GetSubject() ?? string.Empty;
        return query.Where(i => i.OwnerSubject == subject);
    }
}
