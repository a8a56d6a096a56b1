using FeePayments.Api.Banks;
using FeePayments.Api.Clients;
using G2B.BankSignatures;
using Refit;

namespace FeePayments.Api.Reconciliation;

/// <summary>
/// One Refit client per bank: the bank's base URL, its secret for signing, over the shared resilient
/// handler pipeline (timeouts, retries, a circuit breaker per bank host). Signing sits outside the
/// retries: one signature stays valid for the 300 s tolerance, far longer than a call's total timeout.
/// </summary>
public sealed class BankTransactionsClientFactory(IHttpMessageHandlerFactory handlers, TimeProvider time)
{
    public IBankTransactionsClient Create(Bank bank)
    {
        var baseUrl = bank.BaseUrl ?? throw new InvalidOperationException($"Bank {bank.Code} has no BaseUrl.");
        // The first secret is the current one; the others are only still accepted from the bank.
        var signing = new BankSigningHandler(bank.Code, () => bank.Secrets[0], time)
        {
            InnerHandler = handlers.CreateHandler(ReconciliationOptions.HttpClientName),
        };
        var http = new HttpClient(signing) { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
        return RestService.For<IBankTransactionsClient>(http);
    }
}
