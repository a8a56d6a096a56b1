using Notifications.Api.Feed;

namespace Notifications.Tests;

/// <summary>Who a feed notice wakes: in memory, the routing only.</summary>
public sealed class FeedSignalTests
{
    private readonly FeedSignal _signal = new();

    [Fact]
    public void An_append_wakes_the_owner_of_its_company_and_regulators_but_no_other_business()
    {
        using var regulator = _signal.Subscribe(null, []);
        using var owner = _signal.Subscribe("biz-a", []);
        using var stranger = _signal.Subscribe("biz-b", []);
        owner.Own(["REG-A"]);
        var (r, o, s) = (regulator.Signal.Next, owner.Signal.Next, stranger.Signal.Next);

        _signal.Dispatch(FeedNotice.ForAppend(7, FeedTypes.CompanyRegistered, "REG-A", webhooks: false, mail: false));

        r.IsCompleted.Should().BeTrue();
        o.IsCompleted.Should().BeTrue();
        s.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public void An_item_without_a_company_wakes_regulators_only()
    {
        using var regulator = _signal.Subscribe(null, []);
        using var business = _signal.Subscribe("biz-a", []);
        business.Own(["REG-A"]);
        var (r, b) = (regulator.Signal.Next, business.Signal.Next);

        _signal.Dispatch(FeedNotice.ForAppend(8, FeedTypes.InvoiceIssued, null, webhooks: false, mail: false));

        r.IsCompleted.Should().BeTrue();
        b.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public void A_type_filter_ignores_other_types()
    {
        using var invoices = _signal.Subscribe(null, [FeedTypes.InvoicePaid]);
        var wake = invoices.Signal.Next;

        _signal.Dispatch(FeedNotice.ForAppend(9, FeedTypes.CompanyRegistered, "REG-A", webhooks: false, mail: false));
        wake.IsCompleted.Should().BeFalse();

        _signal.Dispatch(FeedNotice.ForAppend(10, FeedTypes.InvoicePaid, "REG-A", webhooks: false, mail: false));
        wake.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public void A_learnt_owner_is_woken_and_from_then_on_hears_that_company()
    {
        using var owner = _signal.Subscribe("biz a\tb", []);
        var learnt = owner.Signal.Next;

        _signal.Dispatch(FeedNotice.ForOwner("REG-B", "someone-else"));
        learnt.IsCompleted.Should().BeFalse();
        _signal.Dispatch(FeedNotice.ForOwner("REG-B", "biz a\tb"));
        learnt.IsCompleted.Should().BeTrue();

        var next = owner.Signal.Next;
        _signal.Dispatch(FeedNotice.ForAppend(11, FeedTypes.CompanyAmended, "REG-B", webhooks: false, mail: false));
        next.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public void Linked_items_wake_the_company_owner_only()
    {
        using var owner = _signal.Subscribe("biz-a", []);
        using var stranger = _signal.Subscribe("biz-b", []);
        using var regulator = _signal.Subscribe(null, []);
        owner.Own(["REG-A"]);
        var (o, s, r) = (owner.Signal.Next, stranger.Signal.Next, regulator.Signal.Next);

        _signal.Dispatch(FeedNotice.ForLink("REG-A", webhooks: false, mail: false));

        o.IsCompleted.Should().BeTrue();
        s.IsCompleted.Should().BeFalse();
        r.IsCompleted.Should().BeFalse("a regulator saw those items when they arrived");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void The_senders_are_woken_only_when_something_was_queued_for_them(bool webhooks, bool mail)
    {
        using var stream = _signal.Subscribe(null, []);
        var (w, m) = (_signal.Webhooks.Next, _signal.Mail.Next);

        _signal.Dispatch(FeedNotice.ForAppend(12, FeedTypes.LicenceIssued, "REG-A", webhooks, mail));

        w.IsCompleted.Should().Be(webhooks);
        m.IsCompleted.Should().Be(mail);
        stream.Signal.Next.IsCompleted.Should().BeFalse("a pulse completes the task taken before it, not the next one");
    }

    [Fact]
    public void A_closed_stream_is_no_longer_woken_and_an_unreadable_notice_wakes_everyone()
    {
        var closed = _signal.Subscribe(null, []);
        var closedWake = closed.Signal.Next;
        closed.Dispose();
        using var business = _signal.Subscribe("biz-a", []);
        var (b, w, m) = (business.Signal.Next, _signal.Webhooks.Next, _signal.Mail.Next);

        _signal.Dispatch("42");

        closedWake.IsCompleted.Should().BeFalse();
        b.IsCompleted.Should().BeTrue();
        w.IsCompleted.Should().BeTrue();
        m.IsCompleted.Should().BeTrue();
    }
}
