using G2B.LoadTest.Measurement;

namespace G2B.LoadTest.Tests;

/// <summary>Event hops joined from outbox and inbox rows, and the percentiles the report gives.</summary>
public sealed class HopTests
{
    private static readonly DateTimeOffset _t0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Hops_join_on_the_event_id_one_per_consumer_and_only_for_events_of_the_window()
    {
        var submitted = Guid.NewGuid();
        var paid = Guid.NewGuid();
        var before = Guid.NewGuid();
        var unconsumed = Guid.NewGuid();
        OutboxEvent[] outbox =
        [
            new(submitted, "application-submitted", _t0.AddSeconds(1), "licence-applications"),
            new(paid, "invoice-paid", _t0.AddSeconds(2), "fee-payments"),
            new(before, "application-submitted", _t0.AddSeconds(-1), "licence-applications"),
            new(unconsumed, "licence-issued", _t0.AddSeconds(3), "licence-applications"),
        ];
        InboxEntry[] inbox =
        [
            new(submitted, _t0.AddSeconds(1).AddMilliseconds(12), "fee-payments"),
            new(submitted, _t0.AddSeconds(1).AddMilliseconds(30), "notifications"),
            new(paid, _t0.AddSeconds(2).AddMilliseconds(7), "licence-applications"),
            new(before, _t0.AddMilliseconds(1), "fee-payments"),
            new(Guid.NewGuid(), _t0.AddSeconds(2), "notifications"),
        ];

        var set = HopJoin.Join(outbox, inbox, _t0, _t0.AddSeconds(10));

        set.Hops.Should().BeEquivalentTo(new[]
        {
            new Hop("licence-applications", "fee-payments", "application-submitted", 12),
            new Hop("licence-applications", "notifications", "application-submitted", 30),
            new Hop("fee-payments", "licence-applications", "invoice-paid", 7),
        });
        set.EventsInWindow.Should().Be(3);
        set.EventsNotConsumed.Should().Be(1);
        set.Hops[0].Route.Should().Be("licence-applications -> fee-payments (application-submitted)");
    }

    [Fact]
    public void A_hop_splits_at_the_producers_published_at_into_its_producer_and_consumer_sides()
    {
        var issued = Guid.NewGuid();
        OutboxEvent[] outbox = [new(issued, "licence-issued", _t0.AddSeconds(1), "licence-applications", _t0.AddSeconds(1).AddMilliseconds(8))];
        InboxEntry[] inbox = [new(issued, _t0.AddSeconds(1).AddMilliseconds(11), "notifications")];

        var set = HopJoin.Join(outbox, inbox, _t0, _t0.AddSeconds(10));

        set.Hops.Should().Equal(new Hop("licence-applications", "notifications", "licence-issued", 11, 8));
        using var report = new StringWriter();
        SuiteReport.HopTable(report, set);
        report.ToString().Should().Contain("| **all hops** | 1 | 11.0 | 11.0 | 11.0 | 11.0 | 8.0 / 8.0 | 3.0 / 3.0 |");
    }

    [Fact]
    public void Hops_with_a_stream_entry_get_their_steps_and_the_report_a_step_table()
    {
        var (stepped, plain) = (Guid.NewGuid(), Guid.NewGuid());
        OutboxEvent[] outbox =
        [
            new(stepped, "licence-issued", _t0, "licence-applications", _t0.AddMilliseconds(9)),
            new(plain, "licence-issued", _t0, "licence-applications", _t0.AddMilliseconds(9)),
        ];
        InboxEntry[] inbox =
        [
            new(stepped, _t0.AddMilliseconds(7.5), "notifications", _t0.AddMilliseconds(10)),
            new(plain, _t0.AddMilliseconds(8), "notifications", _t0.AddMilliseconds(11)),
        ];
        StreamEntry[] streams =
        [
            // Published twice (a retry after a lost answer): the first entry added is the hop's.
            new(stepped, _t0.AddMilliseconds(7), _t0.AddMilliseconds(2), _t0.AddMilliseconds(4)),
            new(stepped, _t0.AddMilliseconds(6), _t0.AddMilliseconds(1), _t0.AddMilliseconds(3)),
        ];

        var set = HopJoin.Join(outbox, inbox, _t0, _t0.AddSeconds(10), streams);

        set.Hops.Single(h => h.Milliseconds == 7.5).Steps.Should().Be(new HopSteps(1, 2, 3, 1.5, 2.5, 9));
        set.Hops.Single(h => h.Milliseconds == 8).Steps.Should().BeNull();
        using var report = new StringWriter();
        SuiteReport.HopTable(report, set);
        report.ToString().Should().Contain("| **all hops** | 1 | 1.0 / 1.0 | 2.0 / 2.0 | 3.0 / 3.0 | 1.5 / 1.5 | 2.5 / 2.5 | 9.0 / 9.0 / 9.0 |")
            .And.Contain("| licence-applications -> notifications (licence-issued) | 1 | 1.0 / 1.0 |");
    }

    [Theory]
    [InlineData(50, 5)]
    [InlineData(95, 10)]
    [InlineData(99, 10)]
    [InlineData(10, 1)]
    [InlineData(0, 1)]
    [InlineData(100, 10)]
    public void Percentiles_are_nearest_rank(double percent, double expected)
    {
        var sorted = Enumerable.Range(1, 10).Select(i => (double)i).ToList();

        Percentile.Of(sorted, percent).Should().Be(expected);
    }

    [Fact]
    public void The_summary_sorts_first_and_is_nan_for_no_values()
    {
        Percentile.Summary([9, 1, 5, 3, 7]).Should().Be((5.0, 9.0, 9.0, 9.0));
        double.IsNaN(Percentile.Summary([]).P50).Should().BeTrue();
    }

    [Fact]
    public void The_hop_table_gives_all_hops_then_each_route()
    {
        var output = new StringWriter();
        Hop[] hops = [new("a", "b", "t1", 10), new("a", "b", "t1", 20), new("b", "c", "t2", 4)];

        SuiteReport.HopTable(output, new HopSet(hops, 3, 1));

        var text = output.ToString();
        text.Should().Contain("3 hops of 3 events produced in the window, 1 not consumed when read");
        text.Should().Contain("| **all hops** | 3 | 10.0 | 20.0 | 20.0 | 20.0 |");
        text.Should().Contain("| a -> b (t1) | 2 | 10.0 | 20.0 | 20.0 | 20.0 |");
        text.Should().Contain("| b -> c (t2) | 1 | 4.0 | 4.0 | 4.0 | 4.0 |");
    }

    [Fact]
    public void A_chain_is_one_line_of_percentiles_with_the_starts_not_ended_and_none_is_left_out()
    {
        var output = new StringWriter();

        SuiteReport.ChainLines(output, [new ChainSet(Chain.ConfirmToIssued, [30, 10, 20], 2), new ChainSet(Chain.ConfirmToIssued with { Name = "idle" }, [], 0)]);

        var text = output.ToString();
        text.Should().Contain("confirm-to-issued (licence-issued occurred_at - invoice-paid occurred_at, per applicationId): " +
            "n 3, p50 20.0 ms, p95 30.0 ms, p99 30.0 ms, max 30.0 ms; 2 not ended when read");
        text.Should().NotContain("idle");
    }
}
