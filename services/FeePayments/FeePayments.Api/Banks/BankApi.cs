using System.Text;
using FeePayments.Api.Payments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FeePayments.Api.Banks;

public sealed record BillResponse(
    string PaymentReference, decimal Amount, string Currency, string Status, DateTimeOffset DueAt, string PayeeName);

public sealed record PaymentStatusResponse(string Status);

/// <summary>The endpoints banks call, authenticated by <see cref="BankSignatureFilter"/> instead of a JWT.</summary>
public static class BankApi
{
    public static IEndpointRouteBuilder MapBankApi(this IEndpointRouteBuilder app)
    {
        var bank = app.MapGroup("/bank/v1")
            .WithTags("Bank")
            .AllowAnonymous()
            .AddEndpointFilter<BankSignatureFilter>();

        bank.MapGet("/bills/{paymentReference}", GetBillAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        bank.MapPost("/payments", ConfirmPaymentAsync)
            .Accepts<PaymentConfirmation>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    internal static async Task<Results<Ok<BillResponse>, ProblemHttpResult>> GetBillAsync(
        string paymentReference, FeePaymentsDbContext db, CancellationToken ct)
    {
        if (!PaymentReference.TryNormalize(paymentReference, out var reference))
        {
            return UnknownReference(StatusCodes.Status404NotFound);
        }

        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.PaymentReference == reference, ct);
        return invoice is null
            ? UnknownReference(StatusCodes.Status404NotFound)
            : TypedResults.Ok(new BillResponse(invoice.PaymentReference, invoice.Amount, invoice.Currency,
                invoice.Status.ToString(), invoice.DueAt, invoice.PayeeName));
    }

    internal static async Task<Results<Ok<PaymentStatusResponse>, ProblemHttpResult>> ConfirmPaymentAsync(
        HttpContext http, PaymentConfirmationService confirmations, CancellationToken ct)
    {
        // The body was read raw by the signature filter; it is parsed only now, from those same bytes.
        var request = BankRequest.From(http);
        var payment = BankPaymentParser.Parse(request.BankCode, request.Body, PaymentSource.Callback, out var errors);
        var rawBody = Encoding.UTF8.GetString(request.Body);
        if (payment is null)
        {
            await confirmations.RecordInvalidAsync(request.BankCode, rawBody, ct);
            return Problems.Validation(errors);
        }

        var outcome = await confirmations.ConfirmAsync(payment, rawBody, ct);
        return outcome switch
        {
            ConfirmationOutcome.Accepted or ConfirmationOutcome.Duplicate => TypedResults.Ok(new PaymentStatusResponse(outcome.ToSlug())),
            ConfirmationOutcome.TransactionConflict => Problems.Create(StatusCodes.Status409Conflict, outcome.ToSlug(),
                "The transaction id was already used with a different payment.",
                $"Bank transaction {payment.BankTransactionId} was confirmed earlier with a different body."),
            ConfirmationOutcome.AlreadyPaid => Problems.Create(StatusCodes.Status409Conflict, outcome.ToSlug(),
                "The invoice was paid by another transaction.", "The money must be returned to the payer."),
            ConfirmationOutcome.UnknownPaymentReference => UnknownReference(StatusCodes.Status422UnprocessableEntity),
            ConfirmationOutcome.AmountMismatch => Problems.Create(StatusCodes.Status422UnprocessableEntity, outcome.ToSlug(),
                "The amount differs from the invoice.", "The amount must equal the invoice amount exactly."),
            ConfirmationOutcome.CurrencyMismatch => Problems.Create(StatusCodes.Status422UnprocessableEntity, outcome.ToSlug(),
                "The currency differs from the invoice."),
            ConfirmationOutcome.InvoiceExpired => Problems.Create(StatusCodes.Status422UnprocessableEntity, outcome.ToSlug(),
                "The invoice has expired and can no longer be paid."),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }

    private static ProblemHttpResult UnknownReference(int status) =>
        Problems.Create(status, "unknown-payment-reference", "No invoice has this payment reference.");
}

/// <summary>The callback body (documentation only: the endpoint parses the signed bytes itself).</summary>
public sealed record PaymentConfirmation(
    string PaymentReference, decimal Amount, string Currency, string BankTransactionId, DateTimeOffset PaidAt);
