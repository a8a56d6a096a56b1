using Refit;

namespace FeePayments.Api.Clients;

/// <summary>What every participating bank exposes for reconciliation (public contract).</summary>
/// <remarks>Disposable so that the per-bank HttpClient behind it is released after a run.</remarks>
public interface IBankTransactionsClient : IDisposable
{
    /// <param name="since">ISO 8601 UTC; the bank's high-water mark from the previous page or run.</param>
    [Get("/v1/transactions")]
    Task<BankTransactionsPage> GetTransactionsAsync(string since, int limit, CancellationToken ct);
}

/// <summary>One page; <see cref="Next"/> is the <c>since</c> of the following page, null when there is none.</summary>
public sealed record BankTransactionsPage(IReadOnlyList<BankTransaction>? Items, DateTimeOffset? Next);

/// <summary>Every field nullable: a bank's answer is validated by us, not trusted by the deserialiser.</summary>
public sealed record BankTransaction(
    string? PaymentReference, decimal? Amount, string? Currency, string? BankTransactionId, DateTimeOffset? PaidAt);
