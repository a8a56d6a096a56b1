using System.Text.Json;

namespace FeePayments.Tests;

public class InvoicesApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly Scenario _scenario = fixture.Scenario;

    [Fact]
    public async Task Owner_reads_the_invoice_by_reference_in_any_case_and_with_spaces()
    {
        var invoice = await _scenario.IssueInvoiceAsync(owner: "owner-r", fee: 99.90m);
        using var client = fixture.App.Business("owner-r");

        var typed = Uri.EscapeDataString(PaymentReference.ToPrintFormat(invoice.PaymentReference).ToLowerInvariant());
        var response = await client.GetAsync($"/api/invoices/{typed}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        root.GetProperty("paymentReference").GetString().Should().Be(invoice.PaymentReference);
        root.GetProperty("applicationId").GetGuid().Should().Be(invoice.ApplicationId);
        root.GetProperty("amount").GetDecimal().Should().Be(99.90m);
        root.GetProperty("currency").GetString().Should().Be("TMT");
        root.GetProperty("status").GetString().Should().Be("Open");
        root.GetProperty("paidAt").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("bankCode").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("bankTransactionId").ValueKind.Should().Be(JsonValueKind.Null);
        root.TryGetProperty("dueAt", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Another_business_gets_404_as_if_it_did_not_exist()
    {
        var invoice = await _scenario.IssueInvoiceAsync(owner: "owner-s");
        using var client = fixture.App.Business("someone-else");

        var response = await client.GetAsync($"/api/invoices/{invoice.PaymentReference}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await client.GetFromJsonAsync<JsonElement>($"/api/invoices?applicationId={invoice.ApplicationId}"))
            .GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Regulator_reads_any_invoice_and_lists_by_application()
    {
        var invoice = await _scenario.IssueInvoiceAsync(owner: "owner-t");
        using var client = fixture.App.Regulator();

        (await client.GetAsync($"/api/invoices/{invoice.PaymentReference}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/invoices?applicationId={invoice.ApplicationId}");
        list.GetProperty("items").EnumerateArray().Single().GetProperty("paymentReference").GetString()
            .Should().Be(invoice.PaymentReference);
    }

    [Theory]
    [InlineData("RF00NOPE")]
    [InlineData("not-a-reference")]
    [InlineData("RF18539007547034")]
    public async Task Unknown_or_malformed_reference_is_404(string reference)
    {
        using var client = fixture.App.Regulator();
        (await client.GetAsync($"/api/invoices/{reference}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Listing_without_application_id_is_a_validation_problem()
    {
        using var client = fixture.App.Regulator();
        var response = await client.GetAsync("/api/invoices");
        (await response.ProblemAsync()).Should().Be((HttpStatusCode.BadRequest, "validation"));
    }

    [Fact]
    public async Task Without_a_token_it_is_401()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        using var client = fixture.App.CreateClient();
        (await client.GetAsync($"/api/invoices/{invoice.PaymentReference}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
