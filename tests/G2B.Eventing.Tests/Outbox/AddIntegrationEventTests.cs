using System.Diagnostics;
using System.Text.Json;

namespace G2B.Eventing.Tests.Outbox;

/// <summary>What AddIntegrationEvent puts in the outbox row, before anything is saved (no database needed).</summary>
public sealed class AddIntegrationEventTests
{
    // Never connects: adding to the change tracker does not open the database.
    private static EventingTestDbContext NewContext() => new EventingTestDbContextFactory().CreateDbContext([]);

    [Fact]
    public void The_row_carries_the_event_as_its_concrete_type_due_at_once()
    {
        using var db = NewContext();
        var occurred = new DateTimeOffset(2026, 12, 1, 10, 30, 0, TimeSpan.FromHours(2));
        var evt = new NoteWrittenIntegrationEvent("hello") { OccurredAt = occurred };

        var row = db.AddIntegrationEvent(evt, "note-1");

        row.Id.Should().Be(evt.Id);
        row.Topic.Should().Be("note-written");
        row.EventType.Should().Be("g2b.tests.note-written.v1");
        row.OrderingKey.Should().Be("note-1");
        row.OccurredAt.Offset.Should().Be(TimeSpan.Zero);
        row.OccurredAt.Should().Be(occurred);
        row.NextAttemptAt.Should().Be(DateTimeOffset.UnixEpoch);
        row.PublishedAt.Should().BeNull();
        using var payload = JsonDocument.Parse(row.Payload);
        payload.RootElement.GetProperty("text").GetString().Should().Be("hello");
        payload.RootElement.GetProperty("id").GetGuid().Should().Be(evt.Id);
        db.ChangeTracker.Entries<OutboxMessage>().Single().State.Should().Be(EntityState.Added);
    }

    [Fact]
    public void The_row_keeps_the_w3c_trace_it_was_raised_in_and_no_other()
    {
        using var db = NewContext();

        db.AddIntegrationEvent(new NoteWrittenIntegrationEvent("no trace")).TraceParent.Should().BeNull();

        using (var w3c = new Activity("w3c").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            db.AddIntegrationEvent(new NoteWrittenIntegrationEvent("w3c")).TraceParent.Should().Be(w3c.Id);
        }

        // A hierarchical id ("|abc.1.") is no traceparent: the sidecar would reject it.
        using (new Activity("hierarchical").SetIdFormat(ActivityIdFormat.Hierarchical).Start())
        {
            db.AddIntegrationEvent(new NoteWrittenIntegrationEvent("hierarchical")).TraceParent.Should().BeNull();
        }
    }

    [Fact]
    public void A_null_event_is_refused_by_name()
    {
        using var db = NewContext();

        var add = () => db.AddIntegrationEvent<NoteWrittenIntegrationEvent>(null!);

        add.Should().Throw<ArgumentNullException>().WithParameterName("evt");
        db.ChangeTracker.Entries().Should().BeEmpty();
    }
}
