extern alias demobank;

using System.Text.Json;
using demobank::G2B.DemoBank;
using G2B.LocalInfra;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeePayments.Tests;

/// <summary>The demo bank hosted for real (Kestrel) beside the fee payments service.</summary>
public sealed class DemoBankFixture : AppFixture
{
    public const string BankCode = "DEMOTEST";
    public const string Secret = "demo-test-secret";
    private readonly int _port = FreePort.Next();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"g2b-demobank-{Guid.NewGuid():N}");

    public WebApplication DemoBank { get; private set; } = null!;

    public string DemoBankUrl => $"http://127.0.0.1:{_port}";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"Banks:{BankCode}:Secrets:0"] = Secret,
        [$"Banks:{BankCode}:BaseUrl"] = DemoBankUrl,
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["Urls"] = DemoBankUrl;
        builder.Configuration["DemoBank:BankCode"] = BankCode;
        builder.Configuration["DemoBank:Secret"] = Secret;
        builder.Configuration["DemoBank:DataDirectory"] = _dataDirectory;
        builder.AddDemoBank();
        // The "gateway" is the service under test, reached in memory.
        builder.Services.AddSingleton(sp => new SuiteClient(
            SuiteClient.CreateHttpClient(sp.GetRequiredService<IOptions<DemoBankOptions>>().Value, TimeProvider.System,
                App.Server.CreateHandler()),
            sp.GetRequiredService<TransactionStore>(), TimeProvider.System, sp.GetRequiredService<IOptions<DemoBankOptions>>()));
        DemoBank = builder.Build();
        DemoBank.MapDemoBank();
        await DemoBank.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await DemoBank.StopAsync();
        await DemoBank.DisposeAsync();
        await base.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

public class DemoBankTests(DemoBankFixture fixture) : IClassFixture<DemoBankFixture>
{
    private readonly Scenario _scenario = fixture.Scenario;

    [Fact]
    public async Task Operator_pays_a_bill_through_the_demo_bank_and_the_suite_accepts_it()
    {
        var invoice = await _scenario.IssueInvoiceAsync(fee: 320.00m);
        using var operatorClient = new HttpClient { BaseAddress = new Uri(fixture.DemoBankUrl) };

        var bill = await operatorClient.GetFromJsonAsync<JsonElement>($"/bills/{PaymentReference.ToPrintFormat(invoice.PaymentReference)}");
        var paid = await (await operatorClient.PostAsJsonAsync("/pay", new { paymentReference = invoice.PaymentReference }))
            .Content.ReadFromJsonAsync<JsonElement>();

        bill.GetProperty("status").GetInt32().Should().Be(200);
        bill.GetProperty("body").GetProperty("amount").GetDecimal().Should().Be(320.00m);
        paid.GetProperty("confirmation").GetProperty("status").GetInt32().Should().Be(200);
        paid.GetProperty("confirmation").GetProperty("body").GetProperty("status").GetString().Should().Be("accepted");
        var stored = await _scenario.InvoiceForAsync(invoice.ApplicationId);
        stored!.Status.Should().Be(InvoiceStatus.Paid);
        stored.BankCode.Should().Be(DemoBankFixture.BankCode);
    }

    [Fact]
    public async Task A_payment_whose_callback_was_lost_is_found_by_reconciliation_from_the_demo_bank()
    {
        var invoice = await _scenario.IssueInvoiceAsync(fee: 45.50m);
        // Booked by the bank, never confirmed to the suite.
        fixture.DemoBank.Services.GetRequiredService<TransactionStore>().Add(new BankTransaction(
            invoice.PaymentReference, 45.50m, "TMT", $"lost-{Guid.NewGuid():N}", DateTimeOffset.UtcNow));
        using var regulator = fixture.App.Regulator();

        var run = await (await regulator.PostAsync("/api/payments/reconcile", null)).Content.ReadFromJsonAsync<JsonElement>();

        var bank = run.GetProperty("banks").EnumerateArray().Single(b => b.GetProperty("bankCode").GetString() == DemoBankFixture.BankCode);
        bank.GetProperty("failed").GetBoolean().Should().BeFalse("the demo bank must accept the suite's signature");
        (await _scenario.InvoiceForAsync(invoice.ApplicationId))!.Status.Should().Be(InvoiceStatus.Paid);
    }

    [Fact]
    public async Task The_demo_bank_rejects_an_unsigned_transactions_request()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.DemoBankUrl) };
        (await client.GetAsync("/v1/transactions?since=2026-01-01T00:00:00Z")).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }
}
