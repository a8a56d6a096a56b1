using G2B.Eventing;
using Microsoft.EntityFrameworkCore;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Notifications.Tests;

/// <summary>
/// The feed's append writes the delivery's inbox row in its own statement (IInboxClaimingHandler): one round trip
/// fewer per event, and a redelivery, which now reaches the handler, leaves nothing behind.
/// </summary>
public sealed class AppendClaimTests(AppFixture fixture) : IClassFixture<AppFixture>, IDisposable
{
    private readonly WireMockServer _receiver = WireMockServer.Start();

    private Scenario Scenario => fixture.Scenario;

    public void Dispose() => _receiver.Stop();

    private static string NewOwner() => "biz-" + Guid.NewGuid().ToString("N")[..8];

    private static string NewCompany() => "REG-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_delivery_writes_its_inbox_row_in_the_appends_statement()
    {
        var registered = Scenario.Registered(NewCompany(), NewOwner());
        var database = await Scenario.QueryAsync(db => Task.FromResult(db.Database.GetDbConnection().Database));
        using var statements = NpgsqlStatements.Of(database);

        await Scenario.DeliverAsync(registered);

        statements.Texts.Where(t => t.Contains("inbox_messages", StringComparison.Ordinal)).Should()
            .ContainSingle("the inbox writes no row of its own").Which.Should().Contain("INSERT INTO feed_items");
        (await InboxRowsAsync(registered.Id)).Should().Be(1);
    }

    [Fact]
    public async Task Redeliveries_one_after_another_and_racing_queue_nothing_twice()
    {
        _receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var (owner, company) = (NewOwner(), NewCompany());
        await Scenario.DeliverAsync(Scenario.Registered(company, owner));
        var endpoint = await Webhooks.CreateAsync(fixture.App.Business(owner), _receiver.Url + "/all");
        var suspended = Scenario.Suspended(company);

        await Scenario.DeliverAsync(suspended);
        await Scenario.DeliverAsync(suspended);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Scenario.DeliverAsync(suspended)));

        (await Scenario.QueryAsync(db => db.FeedItems.CountAsync(i => i.EventId == suspended.Id))).Should().Be(1);
        (await Scenario.QueryAsync(db => db.WebhookDeliveries.CountAsync(d => d.EndpointId == endpoint.Id))).Should().Be(1);
        (await InboxRowsAsync(suspended.Id)).Should().Be(1);
    }

    private Task<int> InboxRowsAsync(Guid eventId) =>
        Scenario.QueryAsync(db => db.Set<InboxMessage>().CountAsync(m => m.EventId == eventId));
}
