using FeePayments.Contracts;
using LicenceApplications.Api.Licences;
using Microsoft.Extensions.DependencyInjection;

namespace LicenceApplications.Tests;

public sealed class ConcurrencyTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Fact]
    public async Task Concurrent_expiry_passes_expire_each_licence_exactly_once()
    {
        var licences = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var owner = $"conc-exp-{i}";
            var company = await app.RegisterCompanyAsync(owner);
            var id = await app.Business(owner).SubmitIdAsync(company, "RETAIL-TRADE");
            licences.Add((await app.PayAsync(id)).GetProperty("licenceNumber").GetString()!);
        }

        app.Clock.Advance(TimeSpan.FromDays(400));
        var job = app.Services.GetRequiredService<LicenceExpiryJob>();
        var expired = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => job.RunOnceAsync(CancellationToken.None))));

        expired.Sum().Should().Be(licences.Count);
        var events = (await app.OutboxAsync("licence-status-changed")).Where(e => e.GetProperty("status").GetString() == "Expired").ToList();
        events.Select(e => e.GetProperty("licenceNumber").GetString()).Should().BeEquivalentTo(licences);
    }

    [Fact]
    public async Task Payment_racing_a_cancellation_never_leaves_a_cancelled_application_with_a_licence()
    {
        for (var round = 0; round < 5; round++)
        {
            var owner = $"conc-pay-{round}";
            var company = await app.RegisterCompanyAsync(owner);
            var client = app.Business(owner);
            var id = await client.SubmitIdAsync(company, "RETAIL-TRADE");
            var paid = new InvoicePaidIntegrationEvent(id, Scenario.ReferenceFor(id), 500.00m, "TMT", "DEMOBANK", $"TX-{round}", DateTimeOffset.UtcNow);

            var cancel = client.PostAsync($"/api/applications/{id}/cancel", null);
            var payment = DeliverUntilAcceptedAsync(paid);
            var cancelResponse = await cancel;
            await payment;

            var final = await app.Regulator().GetJsonAsync($"/api/applications/{id}");
            var status = final.GetProperty("status").GetString();
            var licences = await app.ScalarAsync($"SELECT count(*) FROM licences WHERE application_id = '{id}'");
            if (cancelResponse.StatusCode == HttpStatusCode.OK)
            {
                status.Should().Be("Cancelled");
                licences.Should().Be(0);
                final.GetProperty("history").EnumerateArray().Should().Contain(h => h.GetProperty("cause").GetString() == "payment-after-cancelled");
            }
            else
            {
                cancelResponse.StatusCode.Should().Be(HttpStatusCode.Conflict);
                status.Should().Be("Issued");
                licences.Should().Be(1);
            }
        }
    }

    /// <summary>A handler that lost an optimistic-concurrency race answers 500; the sidecar would redeliver, so the test does too.</summary>
    private async Task DeliverUntilAcceptedAsync(InvoicePaidIntegrationEvent evt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await app.DeliverAsync(evt);
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
