using G2B.Eventing;
using G2B.LoadTest.Measurement;
using G2B.LocalInfra;
using G2B.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;

namespace G2B.LoadTest.Tests;

/// <summary>
/// The hop reader against real PostgreSQL: two service databases whose outbox and inbox tables are the
/// ones the services' own model creates (G2B.Eventing), so a renamed column breaks this test.
/// </summary>
public sealed class HopReaderTests
{
    private static readonly DateTimeOffset _from = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reads_the_events_of_the_window_from_every_database_and_joins_them_with_their_consumers()
    {
        var applications = await EventingDatabaseAsync("hops_applications");
        var payments = await EventingDatabaseAsync("hops_payments");
        var inWindow = Guid.NewGuid();
        var earlier = Guid.NewGuid();
        var reply = Guid.NewGuid();
        await ExecuteAsync(applications,
            Outbox(inWindow, "application-submitted", _from.AddSeconds(5)),
            Outbox(earlier, "application-submitted", _from.AddSeconds(-5)),
            Inbox(reply, _from.AddSeconds(6).AddMilliseconds(4)));
        await ExecuteAsync(payments,
            Outbox(reply, "invoice-issued", _from.AddSeconds(6)),
            Inbox(inWindow, _from.AddSeconds(5).AddMilliseconds(15)),
            Inbox(earlier, _from.AddSeconds(-4)));
        var databases = new[]
        {
            new SuiteDatabaseEntry("licence-applications", "Database", applications),
            new SuiteDatabaseEntry("fee-payments", "Database", payments),
        };

        var set = await HopReader.ReadAsync(databases, _from, _from.AddMinutes(1));

        set.Hops.Should().BeEquivalentTo(new[]
        {
            new Hop("licence-applications", "fee-payments", "application-submitted", 15),
            new Hop("fee-payments", "licence-applications", "invoice-issued", 4),
        });
        set.EventsNotConsumed.Should().Be(0);
    }

    [Fact]
    public async Task With_the_streams_read_a_hop_splits_into_its_steps_from_the_services_redis_and_the_commit_timestamps()
    {
        var applications = await EventingDatabaseAsync("steps_applications");
        var payments = await EventingDatabaseAsync("steps_payments");
        // Whole milliseconds, ten seconds ago: the inbox row's commit (now, the server's) is after every stamp below.
        var t0 = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddSeconds(-10).ToUnixTimeMilliseconds());
        var (stepped, unstamped, unread) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await ExecuteAsync(applications,
            Outbox(stepped, "application-submitted", t0),
            Outbox(unstamped, "application-submitted", t0.AddMilliseconds(1)),
            Outbox(unread, "licence-issued", t0.AddMilliseconds(2)));
        var directory = Path.Combine(Path.GetTempPath(), $"g2b-hops-redis-{Guid.NewGuid():N}");
        await using var redis = await LocalRedis.StartAsync(new LocalRedisOptions(directory, AppendOnly: false));
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint))
        {
            var db = connection.GetDatabase();
            // As the sidecars write an entry: the CloudEvent (its time is to the second, as daprd writes it: not a step) and the
            // publish metadata as JSON; the entry's id is Redis's clock when it was added.
            await db.StreamAddAsync("application-submitted", Entry(stepped, received: t0.AddMilliseconds(4),
                $$"""{"cloudevent.id":"{{stepped}}","g2b-committed-at":"{{t0.AddMilliseconds(2):O}}","g2b-claimed-at":"{{t0.AddMilliseconds(3):O}}"}"""),
                $"{t0.AddMilliseconds(5).ToUnixTimeMilliseconds()}-0");
            // Published without PublishTimings: no commit or claim stamps.
            await db.StreamAddAsync("application-submitted", Entry(unstamped, received: t0.AddMilliseconds(6), "{}"),
                $"{t0.AddMilliseconds(6).ToUnixTimeMilliseconds()}-0");
            // An entry that is no CloudEvent (a raw payload) gives its hop no steps.
            await db.StreamAddAsync("licence-issued", [new("data", "raw bytes"), new("metadata", "{}")], $"{t0.AddMilliseconds(7).ToUnixTimeMilliseconds()}-0");
        }

        var before = await ScalarAsync<DateTime>(payments, "select clock_timestamp()");
        await ExecuteAsync(payments,
            Inbox(stepped, t0.AddMilliseconds(8)),
            Inbox(unstamped, t0.AddMilliseconds(10)),
            Inbox(unread, t0.AddMilliseconds(12)));
        var after = await ScalarAsync<DateTime>(payments, "select clock_timestamp()");
        var databases = new[]
        {
            new SuiteDatabaseEntry("licence-applications", "Database", applications),
            new SuiteDatabaseEntry("fee-payments", "Database", payments),
        };

        var set = await HopReader.ReadAsync(databases, t0, t0.AddMinutes(1), redis: redis.Endpoint);

        var hop = set.Hops.Single(h => h.Milliseconds == 8);
        var steps = hop.Steps!;
        (steps.Save, steps.Claim, steps.Publish, steps.ToHandler).Should().Be((2.0, 1.0, 2.0, 3.0));
        // The handler's commit is the inbox row's commit timestamp: between the clock read before and after it.
        var committedAfter = (new DateTimeOffset(before, TimeSpan.Zero) - t0).TotalMilliseconds;
        var committedBefore = (new DateTimeOffset(after, TimeSpan.Zero) - t0).TotalMilliseconds;
        steps.Handler.Should().BeInRange(committedAfter - 8, committedBefore - 8);
        steps.Durable.Should().BeInRange(committedAfter - 2, committedBefore - 2);
        var plain = set.Hops.Single(h => h.Milliseconds == 9).Steps!;
        (plain.Save, plain.Claim, plain.Publish, plain.Durable).Should().Be(((double?)null, (double?)null, (double?)null, (double?)null));
        plain.ToHandler.Should().Be(4.0);
        plain.Handler.Should().BeInRange(committedAfter - 10, committedBefore - 10);
        set.Hops.Single(h => h.Topic == "licence-issued").Steps.Should().BeNull("its stream entry is no CloudEvent");
    }

    private static NameValueEntry[] Entry(Guid id, DateTimeOffset received, string metadata) =>
    [
        new("data", $$$"""{"specversion":"1.0","id":"{{{id}}}","time":"{{{received:O}}}","type":"x","source":"licence-applications","data":{}}"""),
        new("metadata", metadata),
    ];

    [Fact]
    public async Task A_database_without_the_eventing_tables_is_passed_over()
    {
        var empty = await TestPostgres.CreateDatabaseAsync("hops_empty");

        var set = await HopReader.ReadAsync([new SuiteDatabaseEntry("portal", "Database", empty)], _from, _from.AddMinutes(1));

        set.Hops.Should().BeEmpty();
        set.EventsInWindow.Should().Be(0);
    }

    [Fact]
    public async Task Confirm_to_issued_joins_each_applications_payment_with_its_licence_across_databases()
    {
        var applications = await EventingDatabaseAsync("chain_applications");
        var payments = await EventingDatabaseAsync("chain_payments");
        var (issued, waiting, before) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await ExecuteAsync(payments,
            Outbox(Guid.NewGuid(), "invoice-paid", _from.AddSeconds(10), Keyed(issued)),
            Outbox(Guid.NewGuid(), "invoice-paid", _from.AddSeconds(11), Keyed(waiting)),
            Outbox(Guid.NewGuid(), "invoice-paid", _from.AddSeconds(-30), Keyed(before)),
            Outbox(Guid.NewGuid(), "invoice-issued", _from.AddSeconds(9), Keyed(issued)));
        await ExecuteAsync(applications,
            // The licence may be issued after the window ends; another topic keyed alike is not the end.
            Outbox(Guid.NewGuid(), "licence-issued", _from.AddSeconds(10).AddMilliseconds(250), Keyed(issued)),
            Outbox(Guid.NewGuid(), "application-status-changed", _from.AddSeconds(10).AddMilliseconds(100), Keyed(waiting)),
            Outbox(Guid.NewGuid(), "licence-issued", _from.AddSeconds(-29), Keyed(before)));
        var databases = new[]
        {
            new SuiteDatabaseEntry("licence-applications", "Database", applications),
            new SuiteDatabaseEntry("fee-payments", "Database", payments),
        };

        var set = await ChainReader.ReadAsync(databases, Chain.ConfirmToIssued, _from, _from.AddSeconds(10.1));

        set.Milliseconds.Should().Equal(250);
        set.NotEnded.Should().Be(0, "the payment at 11 s is after the window, the one at -30 s before it");

        var wider = await ChainReader.ReadAsync(databases, Chain.ConfirmToIssued, _from, _from.AddMinutes(1));
        wider.Milliseconds.Should().Equal(250);
        wider.NotEnded.Should().Be(1);
    }

    private static string Keyed(Guid applicationId) => $$"""{"applicationId":"{{applicationId}}","paymentReference":"RF18"}""";

    private static async Task<string> EventingDatabaseAsync(string name)
    {
        var connection = await TestPostgres.CreateDatabaseAsync(name);
        await using var db = new EventingOnly(new DbContextOptionsBuilder<EventingOnly>().UseNpgsql(connection).Options);
        await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());
        return connection;
    }

    private static string Outbox(Guid id, string topic, DateTimeOffset at, string payload = "{}") =>
        $"insert into outbox_messages (id, topic, event_type, payload, occurred_at, next_attempt_at, attempts) values ('{id}', '{topic}', 'x', '{payload}', '{at:O}', '{at:O}', 0)";

    private static string Inbox(Guid id, DateTimeOffset at) =>
        $"insert into inbox_messages (event_id, consumer, processed_at) values ('{id}', 'handler', '{at:O}')";

    private static async Task<T> ScalarAsync<T>(string connection, string sql)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connection, params string[] statements)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, conn);
            await command.ExecuteNonQueryAsync();
        }
    }

    private sealed class EventingOnly(DbContextOptions<EventingOnly> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyEventingModel();
    }
}
