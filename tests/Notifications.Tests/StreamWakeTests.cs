using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Api.Data;
using Notifications.Api.Feed;

namespace Notifications.Tests;

/// <summary>Heartbeats pushed out of reach: only PostgreSQL's NOTIFY at commit can wake a reader.</summary>
public sealed class NoPollingFixture() : AppFixture(("Stream:HeartbeatInterval", "01:00:00"));

public sealed class StreamWakeTests(NoPollingFixture fixture) : IClassFixture<NoPollingFixture>
{
    private Scenario Scenario => fixture.Scenario;

    private static string NewOwner() => "biz-" + Guid.NewGuid().ToString("N")[..8];

    private static string NewCompany() => "REG-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_waiting_reader_is_woken_by_the_commit_of_a_new_event()
    {
        var owner = NewOwner();
        await using var stream = await SseClient.OpenAsync(fixture.App.Business(owner));
        var registered = Scenario.Registered(NewCompany(), owner);

        await Scenario.DeliverAsync(registered);

        (await stream.NextAsync()).Json.GetProperty("id").GetGuid().Should().Be(registered.Id);
    }

    [Fact]
    public async Task A_business_stream_does_not_read_the_feed_for_other_companies_events()
    {
        var owner = NewOwner();
        using var reads = new FeedReads(owner);
        await using var stream = await SseClient.OpenAsync(fixture.App.Business(owner));

        for (var i = 0; i < 3; i++)
        {
            await Scenario.CompanyWithInvoiceAsync(NewOwner()); // nine events it may not see
        }

        var registered = Scenario.Registered(NewCompany(), owner);
        await Scenario.DeliverAsync(registered);
        (await stream.NextAsync()).Json.GetProperty("id").GetGuid().Should().Be(registered.Id);

        // A fresh start reads nothing; its own event wakes it by the owner notice and the append (one
        // read, two if they come apart). Woken by every event, it would read at least ten times.
        reads.Count.Should().BeInRange(1, 2, "only its own company's event may wake it");
    }

    [Fact]
    public async Task An_owner_learnt_late_is_woken_and_sees_the_company_events_that_came_before()
    {
        var owner = NewOwner();
        var company = NewCompany();
        await using var stream = await SseClient.OpenAsync(fixture.App.Business(owner));
        var suspended = Scenario.Suspended(company);
        await Scenario.DeliverAsync(suspended); // nobody known to own it yet

        var registered = Scenario.Registered(company, owner);
        await Scenario.DeliverAsync(registered);

        (await stream.NextAsync()).Json.GetProperty("id").GetGuid().Should().Be(suspended.Id);
        (await stream.NextAsync()).Json.GetProperty("id").GetGuid().Should().Be(registered.Id);
    }

    [Fact]
    public async Task An_invoice_whose_company_is_learnt_later_wakes_a_stream_that_waits_for_invoices_only()
    {
        var owner = NewOwner();
        var company = NewCompany();
        await Scenario.DeliverAsync(Scenario.Registered(company, owner));
        await using var stream = await SseClient.OpenAsync(fixture.App.Business(owner), "/api/events/stream?types=invoice.issued");
        var submitted = Scenario.Submitted(company, owner);
        var invoice = Scenario.InvoiceIssued(submitted.ApplicationId);
        await Scenario.DeliverAsync(invoice); // whose it is is not known yet

        // Its own item is filtered out and the owner is not new: only the linking of the invoice may wake it.
        await Scenario.DeliverAsync(submitted);

        (await stream.NextAsync()).Json.GetProperty("id").GetGuid().Should().Be(invoice.Id);
    }

    [Fact]
    public async Task A_regulator_stream_is_woken_by_every_company()
    {
        await using var stream = await SseClient.OpenAsync(fixture.App.Regulator());
        var registered = Scenario.Registered(NewCompany(), NewOwner());

        await Scenario.DeliverAsync(registered);

        (await stream.NextAsync()).Json.GetProperty("id").GetGuid().Should().Be(registered.Id);
    }

    [Fact]
    public async Task Sequences_are_handed_out_in_commit_order()
    {
        // A handler holds the append lock (its transaction is open); a second must wait for it, so
        // the feed never shows the later sequence while the earlier may still commit.
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var firstId = Guid.NewGuid();
        var second = Scenario.Registered(NewCompany(), NewOwner());
        var (waited, completedEarly) = (false, true);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var first = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<FeedWriter>().AppendAsync(firstId, DateTimeOffset.UtcNow,
                new FeedEntry(FeedTypes.CompanyRegistered, NewCompany(), null, new Dictionary<string, object?>(), new { }), CancellationToken.None);

            var delivery = Scenario.DeliverAsync(second);
            waited = await WaitsForTheAppendLockAsync();
            completedEarly = delivery.IsCompleted;

            await first.CommitAsync();
            await delivery;
        });

        waited.Should().BeTrue("the second append waits for the append lock");
        completedEarly.Should().BeFalse();

        var sequences = await Scenario.QueryAsync(q => q.FeedItems.Where(f => f.EventId == firstId || f.EventId == second.Id)
            .OrderBy(f => f.Sequence).Select(f => f.EventId).ToListAsync());
        sequences.Should().Equal(firstId, second.Id);
    }

    [Fact]
    public async Task An_invoice_written_while_its_application_is_being_linked_gets_its_company()
    {
        // The invoice's handler has looked for the application's company (none yet) and not committed;
        // the application's own event links it meanwhile. Whichever commits first, the invoice must end
        // up with its company: a link that cannot see the uncommitted invoice would leave it an orphan
        // for good, and its owner's stream would never show it.
        var company = NewCompany();
        var submitted = Scenario.Submitted(company, NewOwner());
        var invoiceId = Guid.NewGuid();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var invoice = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<FeedWriter>().AppendAsync(invoiceId, DateTimeOffset.UtcNow,
                new FeedEntry(FeedTypes.InvoiceIssued, null, submitted.ApplicationId, new Dictionary<string, object?>(), new { }),
                CancellationToken.None);

            var linking = Scenario.DeliverAsync(submitted);
            await WaitsForTheAppendLockAsync(); // the link waits (for the application) or runs past it: both are allowed to happen
            await invoice.CommitAsync();
            await linking;
        });

        var owner = await Scenario.QueryAsync(q => q.FeedItems.Where(f => f.EventId == invoiceId)
            .Select(f => f.RegistrationNumber).SingleAsync());
        owner.Should().Be(company);
    }

    private async Task<bool> WaitsForTheAppendLockAsync()
    {
        try
        {
            await Eventually.HoldsAsync(() => Scenario.QueryAsync(q => q.Database
                .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                .SingleAsync().ContinueWith(t => t.Result > 0)), "an append waits", TimeSpan.FromSeconds(15));
            return true;
        }
        catch (TimeoutException)
        {
            return false; // not thrown through the execution strategy, which would retry it
        }
    }
}
