using G2B.IntegrationEvents;

namespace CompanyRegistry.Tests;

/// <summary>
/// The licence-issued and licence-status-changed handlers both write a licence's row, in any order and
/// at the same moment: neither may fail (a 500 is a redelivery and an exception in normal traffic),
/// and the newest version is what stays.
/// </summary>
public sealed class LicenceRaceTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    private async Task<string> RegisterAsync(string owner) =>
        (await app.Business(owner).RegisterAsync($"Racing Licensee {owner}")).RegistrationNumber;

    private async Task<(string Status, long Version)> LicenceAsync(string number, string licenceNumber)
    {
        var licence = (await app.Regulator().CompanyAsync(number)).Licences.Single(l => l.LicenceNumber == licenceNumber);
        var version = await app.ScalarAsync("SELECT version FROM company_licences WHERE licence_number = $1", licenceNumber);
        return (licence.Status, version);
    }

    private Task<long> HistoryCountAsync(string licenceNumber, string action) =>
        app.ScalarAsync("SELECT count(*) FROM company_history WHERE action = $1 AND changes->>'licenceNumber' = $2", action, licenceNumber);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Issue_and_suspension_in_either_order_leave_the_suspension(bool issuedFirst)
    {
        var number = await RegisterAsync($"race-order-{issuedFirst}");
        var licenceNumber = $"LIC-RO-{issuedFirst}";
        var issued = LicenceEvents.Issued(number, licenceNumber, "retail", version: 1);
        var suspended = LicenceEvents.Changed(number, licenceNumber, "retail", "Active", "Suspended", 2);
        var client = app.CreateClient();

        var first = issuedFirst ? await client.DeliverAsync(issued) : await client.DeliverAsync(suspended);
        var second = issuedFirst ? await client.DeliverAsync(suspended) : await client.DeliverAsync(issued);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await LicenceAsync(number, licenceNumber)).Should().Be(("Suspended", 2L));
        (await HistoryCountAsync(licenceNumber, "LicenceAdded")).Should().Be(1);
    }

    /// <summary>
    /// Delivers <paramref name="outer"/> and lands <paramref name="inner"/> just before the outer handler writes
    /// the licence row (after it started); both deliveries must succeed.
    /// </summary>
    private async Task DeliverInsideAsync<TInner, TOuter>(TInner inner, TOuter outer)
        where TInner : IntegrationEvent, ITopicEvent
        where TOuter : IntegrationEvent, ITopicEvent
    {
        var client = app.CreateClient();
        HttpResponseMessage? innerResponse = null;
        app.LicenceWriteHook.BeforeNextLicenceWrite(async () => innerResponse = await client.DeliverAsync(inner));

        var outerResponse = await client.DeliverAsync(outer);

        innerResponse.Should().NotBeNull();
        innerResponse!.StatusCode.Should().Be(HttpStatusCode.OK);
        outerResponse.StatusCode.Should().Be(HttpStatusCode.OK, await outerResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_suspension_landing_inside_the_issue_write_both_succeed_and_the_suspension_stays()
    {
        var number = await RegisterAsync("race-inside-issue");
        const string licenceNumber = "LIC-RI-1";

        // The status change creates the row after the issue started and before it writes.
        await DeliverInsideAsync(
            inner: LicenceEvents.Changed(number, licenceNumber, "retail", "Active", "Suspended", 2),
            outer: LicenceEvents.Issued(number, licenceNumber, "retail", version: 1));

        (await LicenceAsync(number, licenceNumber)).Should().Be(("Suspended", 2L));
        (await HistoryCountAsync(licenceNumber, "LicenceAdded")).Should().Be(1);
        (await HistoryCountAsync(licenceNumber, "LicenceChanged")).Should().Be(0);
    }

    [Fact]
    public async Task An_issue_landing_inside_the_suspension_write_both_succeed_and_the_suspension_applies_on_top()
    {
        var number = await RegisterAsync("race-inside-change");
        const string licenceNumber = "LIC-RC-1";

        await DeliverInsideAsync(
            inner: LicenceEvents.Issued(number, licenceNumber, "retail", version: 1),
            outer: LicenceEvents.Changed(number, licenceNumber, "retail", "Active", "Suspended", 2));

        (await LicenceAsync(number, licenceNumber)).Should().Be(("Suspended", 2L));
        var history = await app.Regulator().HistoryAsync(number);
        history.Select(h => h.Action).Should().Equal("Registered", "LicenceAdded", "LicenceChanged");
        history[2].Changes.GetProperty("status").Str("from").Should().Be("Active");
    }

    [Fact]
    public async Task Licence_events_racing_for_a_new_licence_all_succeed_and_leave_the_newest_version()
    {
        var number = await RegisterAsync("race-concurrent");
        var client = app.CreateClient();
        for (var round = 0; round < 10; round++)
        {
            var licenceNumber = $"LIC-RACE-{round}";
            var responses = await Task.WhenAll(
                client.DeliverAsync(LicenceEvents.Issued(number, licenceNumber, "retail", version: 1)),
                client.DeliverAsync(LicenceEvents.Changed(number, licenceNumber, "retail", "Active", "Suspended", 2)),
                client.DeliverAsync(LicenceEvents.Changed(number, licenceNumber, "retail", "Suspended", "Revoked", 3)),
                client.DeliverAsync(LicenceEvents.Issued(number, licenceNumber, "retail", version: 1)));

            responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
            (await LicenceAsync(number, licenceNumber)).Should().Be(("Revoked", 3L));
            (await HistoryCountAsync(licenceNumber, "LicenceAdded")).Should().Be(1);
        }
    }
}
