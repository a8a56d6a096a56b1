using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FeePayments.Api.Payments;

public sealed record PaymentExceptionResponse(
    long Id, string BankCode, string BankTransactionId, string PaymentReference, decimal Amount, string Currency,
    DateTimeOffset PaidAt, string Reason, DateTimeOffset DetectedAt);

public sealed record PaymentExceptionPage(IReadOnlyList<PaymentExceptionResponse> Items, string? NextCursor);

/// <summary>Regulator view of payments: the money a person has to resolve (what reconciliation could not apply, refunds).</summary>
public static class PaymentsApi
{
    public const string Prefix = "/api/payments";

    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var payments = app.MapGroup(Prefix).WithTags("Payments").RequireAuthorization(AuthPolicies.Regulator);
        payments.MapGet("/exceptions", ListExceptionsAsync);
        return app;
    }

    internal static async Task<Results<Ok<PaymentExceptionPage>, ProblemHttpResult>> ListExceptionsAsync(
        string? limit, string? cursor, FeePaymentsDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        // Read as text so "abc" or "1e2" is a field error like 0 or 101, not a binder failure.
        var take = 20;
        if (limit is not null
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > 100))
        {
            errors["limit"] = ["limit must be a whole number between 1 and 100."];
        }

        long after = 0;
        if (cursor is not null && !TryDecodeCursor(cursor, out after))
        {
            errors["cursor"] = ["The cursor is not valid."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // Keyset paging on the identity column: stable order, constant cost at any depth.
        var rows = await db.PaymentExceptions.AsNoTracking()
            .Where(e => e.Id > after)
            .OrderBy(e => e.Id)
            .Take(take + 1)
            .ToListAsync(ct);
        var items = rows.Take(take)
            .Select(e => new PaymentExceptionResponse(e.Id, e.BankCode, e.BankTransactionId, e.PaymentReference,
                e.Amount, e.Currency, e.PaidAt, e.Reason, e.DetectedAt))
            .ToList();
        var next = rows.Count > take ? EncodeCursor(items[^1].Id) : null;
        return TypedResults.Ok(new PaymentExceptionPage(items, next));
    }

    private static string EncodeCursor(long id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecodeCursor(string cursor, out long id)
    {
        id = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
