using G2B.Journey;
using G2B.LoadTest.Bank;

namespace G2B.LoadTest.Tests;

/// <summary>The calls of a bank's peak, and the exactly-once check of their answers against the contract.</summary>
public sealed class BankPlanTests
{
    private static readonly IReadOnlyList<OpenInvoice> _invoices =
        [.. Enumerable.Range(0, 200).Select(i => new OpenInvoice($"RF{i:D6}", 150m, "TMT"))];

    [Fact]
    public void Every_invoice_gets_one_first_confirmation_one_in_twenty_a_racing_second_transaction_and_retries_are_a_tenth_of_all_calls()
    {
        var plan = ConfirmationPlan.Build(_invoices, concurrency: 8, new Random(7));

        var firsts = plan.Where(c => c.Kind == CallKind.First).ToList();
        firsts.Select(c => c.Confirmation.PaymentReference).Should().BeEquivalentTo(_invoices.Select(i => i.PaymentReference));
        plan.Count(c => c.Kind == CallKind.Race).Should().Be(10);
        plan.Count(c => c.Kind == CallKind.Retry).Should().Be(23); // 23 / 233 = 9.9 %
        plan.Select(c => c.Confirmation.BankTransactionId).Distinct().Should().HaveCount(210);
    }

    [Fact]
    public void A_race_comes_right_after_its_first_with_another_transaction_and_a_retry_repeats_an_earlier_first_exactly()
    {
        var plan = ConfirmationPlan.Build(_invoices, concurrency: 8, new Random(11)).ToList();

        foreach (var (call, index) in plan.Select((c, i) => (c, i)))
        {
            var earlier = plan.Take(index).ToList();
            if (call.Kind == CallKind.Race)
            {
                var first = earlier.Last(c => c.Kind == CallKind.First && c.Confirmation.PaymentReference == call.Confirmation.PaymentReference);
                call.Confirmation.BankTransactionId.Should().NotBe(first.Confirmation.BankTransactionId);
                call.Confirmation.Amount.Should().Be(first.Confirmation.Amount);
            }
            else if (call.Kind == CallKind.Retry)
            {
                earlier.Should().Contain(c => c.Kind == CallKind.First && c.Confirmation == call.Confirmation);
                // Within about four rounds of the callers (32 places, plus the races and retries placed between).
                (index - earlier.FindIndex(c => c.Confirmation == call.Confirmation)).Should().BeInRange(1, 60);
            }
        }
    }

    [Fact]
    public void Answers_as_the_contract_says_are_exactly_once()
    {
        var (first, retry, race) = Calls();

        ExactlyOnce.Violations(
        [
            new SentCall(first, Answer(200, "accepted")),
            new SentCall(retry, Answer(200, "duplicate")),
            new SentCall(race, new PaymentAnswer(null, "already-paid", 409)),
        ]).Should().BeEmpty();
        // The race won: the first transaction is the one turned away.
        ExactlyOnce.Violations(
        [
            new SentCall(race, Answer(200, "accepted")),
            new SentCall(first, new PaymentAnswer(null, "already-paid", 409)),
        ]).Should().BeEmpty();
    }

    [Fact]
    public void Two_acceptances_none_or_a_retry_not_answered_duplicate_are_violations()
    {
        var (first, retry, race) = Calls();

        ExactlyOnce.Violations([new SentCall(first, Answer(200, "accepted")), new SentCall(race, Answer(200, "accepted"))])
            .Should().ContainSingle().Which.Should().Be("RF000001: 2 calls answered accepted");
        ExactlyOnce.Violations([new SentCall(first, Answer(200, "duplicate")), new SentCall(retry, Answer(200, "duplicate"))])
            .Should().ContainSingle().Which.Should().Be("RF000001: 0 calls answered accepted");
        ExactlyOnce.Violations([new SentCall(first, Answer(200, "accepted")), new SentCall(retry, new PaymentAnswer(null, "transaction-conflict", 409))])
            .Should().ContainSingle().Which.Should().Be("RF000001: a Retry call of the accepted transaction answered 409 transaction-conflict");
    }

    [Fact]
    public void An_invoice_with_an_unanswered_call_is_unverifiable_from_the_answers_not_a_violation()
    {
        var (first, retry, _) = Calls();
        SentCall[] calls = [new SentCall(first, null, "no answer within the request time-out"), new SentCall(retry, Answer(200, "accepted"))];

        ExactlyOnce.Violations(calls).Should().BeEmpty();
        ExactlyOnce.Unverifiable(calls).Should().Be(1);
        ExactlyOnce.Winners(calls).Should().Equal(new Dictionary<string, string> { ["RF000001"] = "TX-A" });
    }

    private static (PlannedCall First, PlannedCall Retry, PlannedCall Race) Calls()
    {
        var paid = new PaymentConfirmation("RF000001", 150m, "TMT", "TX-A", DateTimeOffset.UnixEpoch);
        return (new PlannedCall(CallKind.First, paid), new PlannedCall(CallKind.Retry, paid),
            new PlannedCall(CallKind.Race, paid with { BankTransactionId = "TX-B" }));
    }

    private static PaymentAnswer Answer(int status, string word) => new(word, null, status);
}
