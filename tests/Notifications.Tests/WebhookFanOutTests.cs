using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Api.Feed;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Notifications.Tests;

/// <summary>
/// Which endpoints an event is queued for, now that the append's own statement chooses them: the owner's endpoints
/// that take its type, every regulator's, never another business's nor a disabled one; and what that costs.
/// </summary>
public sealed class WebhookFanOutTests(AppFixture fixture) : IClassFixture<AppFixture>, IDisposable
{
    private readonly WireMockServer _receiver = WireMockServer.Start();

    private Scenario Scenario => fixture.Scenario;

    public void Dispose() => _receiver.Stop();

    private static string NewOwner() => "biz-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task An_event_goes_to_the_owners_endpoints_that_take_its_type_and_to_regulators_in_the_appends_one_statement()
    {
        _receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var (owner, company) = (NewOwner(), "REG-" + Guid.NewGuid().ToString("N")[..8]);
        await Scenario.DeliverAsync(Scenario.Registered(company, owner)); // its owner is learnt
        var business = fixture.App.Business(owner);
        var everything = await Webhooks.CreateAsync(business, _receiver.Url + "/all");
        var amendments = await Webhooks.CreateAsync(business, _receiver.Url + "/amended", FeedTypes.CompanyAmended, FeedTypes.InvoicePaid);
        await Webhooks.CreateAsync(business, _receiver.Url + "/registered", FeedTypes.CompanyRegistered); // another type
        var disabled = await Webhooks.CreateAsync(business, _receiver.Url + "/disabled");
        await Webhooks.CreateAsync(fixture.App.Business(NewOwner()), _receiver.Url + "/stranger"); // another business
        var regulator = await Webhooks.CreateAsync(fixture.App.Regulator(), _receiver.Url + "/regulator", FeedTypes.CompanyAmended);
        await Scenario.QueryAsync(db => db.WebhookEndpoints.Where(e => e.Id == disabled.Id)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.DisabledAt, DateTimeOffset.UtcNow)));

        var eventId = Guid.NewGuid();
        var statements = await AppendAsync(eventId, new FeedEntry(
            FeedTypes.CompanyAmended, company, null, new Dictionary<string, object?> { ["registrationNumber"] = company }, new { legalName = "Renamed" }));

        statements.Should().ContainSingle("the item, its messages and its notice are one statement")
            .Which.Should().Contain("INSERT INTO feed_items").And.Contain("INSERT INTO webhook_deliveries");
        var queued = await Scenario.QueryAsync(db => db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.FeedSequence == db.FeedItems.Single(f => f.EventId == eventId).Sequence).ToListAsync());
        queued.Select(d => d.EndpointId).Should().BeEquivalentTo([everything.Id, amendments.Id, regulator.Id]);
        queued.Should().AllSatisfy(d =>
        {
            d.EventType.Should().Be(FeedTypes.CompanyAmended);
            d.Id.Version.Should().Be(7, "the ids the database makes are time-ordered, as the ones .NET makes");
        });
        queued.Select(d => d.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task An_event_of_a_company_nobody_hooked_queues_nothing_in_its_one_statement()
    {
        // A type the regulator's endpoint of the test above does not take.
        var company = "REG-" + Guid.NewGuid().ToString("N")[..8];
        await Scenario.DeliverAsync(Scenario.Registered(company, NewOwner()));

        var eventId = Guid.NewGuid();
        var statements = await AppendAsync(eventId, new FeedEntry(
            FeedTypes.CompanyStatusChanged, company, null, new Dictionary<string, object?> { ["registrationNumber"] = company }, new { status = "Suspended" }));

        statements.Should().ContainSingle();
        (await Scenario.QueryAsync(db => db.WebhookDeliveries.CountAsync(d => d.FeedSequence == db.FeedItems.Single(f => f.EventId == eventId).Sequence)))
            .Should().Be(0);
    }

    [Fact]
    public async Task An_invoice_that_came_before_its_application_is_queued_for_the_owner_when_the_application_links_it()
    {
        _receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var (owner, company, applicationId) = (NewOwner(), "REG-" + Guid.NewGuid().ToString("N")[..8], Guid.NewGuid());
        await Scenario.DeliverAsync(Scenario.Registered(company, owner));
        var hook = await Webhooks.CreateAsync(fixture.App.Business(owner), _receiver.Url + "/invoices", FeedTypes.InvoiceIssued);

        var invoice = Scenario.InvoiceIssued(applicationId);
        await Scenario.DeliverAsync(invoice); // no company yet: queued for nobody
        (await CountAsync(hook.Id)).Should().Be(0);
        await Scenario.DeliverAsync(Scenario.Submitted(company, owner, applicationId));

        var queued = await Scenario.QueryAsync(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == hook.Id).ToListAsync());
        queued.Should().ContainSingle().Which.Should().Match<Notifications.Api.Domain.WebhookDelivery>(d =>
            d.EventType == FeedTypes.InvoiceIssued && d.Id.Version == 7);
    }

    private Task<int> CountAsync(Guid endpoint) => Scenario.QueryAsync(db => db.WebhookDeliveries.CountAsync(d => d.EndpointId == endpoint));

    /// <summary>The statements an append ran.</summary>
    private async Task<List<string>> AppendAsync(Guid eventId, FeedEntry entry)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<FeedWriter>();
        return await NpgsqlStatements.OfAsync(() => writer.AppendAsync(eventId, DateTimeOffset.UtcNow, entry, CancellationToken.None));
    }
}
