using System.Text.Json;
using FeePayments.Api.Data;
using G2B.Eventing;
using G2B.IntegrationEvents;
using LicenceApplications.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FeePayments.Tests.Support;

/// <summary>What tests do again and again: deliver events as the sidecar would, read the database.</summary>
public sealed class Scenario(FeePaymentsApp app)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Delivers <paramref name="evt"/> as Dapr does: a CloudEvent POSTed to the topic route.</summary>
    public async Task<HttpResponseMessage> DeliverAsync<TEvent>(TEvent evt)
        where TEvent : IntegrationEvent, ITopicEvent
    {
        using var client = app.CreateClient();
        return await client.DeliverAsync(evt);
    }

    public static ApplicationSubmittedIntegrationEvent Submitted(
        string owner = "owner-1", decimal fee = 150.00m, string currency = "TMT", string legalName = "Ak Ýol LLC") =>
        new(Guid.NewGuid(), "REG-0001", legalName, owner, "retail-trade", fee, currency, DateTimeOffset.UtcNow);

    /// <summary>Submits an application and returns its invoice.</summary>
    public async Task<Invoice> IssueInvoiceAsync(string owner = "owner-1", decimal fee = 150.00m, string currency = "TMT")
    {
        var evt = Submitted(owner, fee, currency);
        var response = await DeliverAsync(evt);
        response.EnsureSuccessStatusCode();
        return await InvoiceForAsync(evt.ApplicationId) ?? throw new InvalidOperationException("No invoice was issued.");
    }

    public Task<Invoice?> InvoiceForAsync(Guid applicationId) =>
        QueryAsync(db => db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.ApplicationId == applicationId));

    public Task<List<OutboxMessage>> OutboxAsync(string topic) =>
        QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Topic == topic).OrderBy(m => m.Sequence).ToListAsync());

    public async Task<T> QueryAsync<T>(Func<FeePaymentsDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<FeePaymentsDbContext>());
    }

    public static object Confirmation(Invoice invoice, string transactionId, decimal? amount = null, string? currency = null,
        DateTimeOffset? paidAt = null) => new
    {
        paymentReference = invoice.PaymentReference,
        amount = amount ?? invoice.Amount,
        currency = currency ?? invoice.Currency,
        bankTransactionId = transactionId,
        paidAt = paidAt ?? DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The test bank confirms a payment of <paramref name="invoice"/>: its amount and currency unless the test says otherwise.</summary>
    public async Task<HttpResponseMessage> PayAsync(
        Invoice invoice, string transactionId, decimal? amount = null, string? currency = null, DateTimeOffset? paidAt = null)
    {
        using var bank = app.BankClient();
        return await ConfirmAsync(bank, Confirmation(invoice, transactionId, amount, currency, paidAt));
    }

    public Task<HttpResponseMessage> ConfirmAsync(HttpClient bank, object body) =>
        bank.PostAsJsonAsync("/bank/v1/payments", body, Json);

    public static async Task<string> StatusAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("status").GetString()!;
    }
}
