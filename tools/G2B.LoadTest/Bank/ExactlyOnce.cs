using G2B.Journey;

namespace G2B.LoadTest.Bank;

/// <summary>A confirmation sent and what came back: an answer, or (Answer null) the reason there was none.</summary>
public sealed record SentCall(PlannedCall Call, PaymentAnswer? Answer, string? Failure = null);

/// <summary>
/// Checks the answers of a bank's peak against the contract: per invoice exactly one call answered
/// <c>accepted</c>; every other call with that transaction <c>duplicate</c> (same body) and every call
/// with another transaction <c>409 already-paid</c>. A call without an answer leaves its invoice
/// unverifiable from the answers alone (it may or may not have been applied): counted apart.
/// </summary>
public static class ExactlyOnce
{
    public static IReadOnlyList<string> Violations(IEnumerable<SentCall> calls)
    {
        var violations = new List<string>();
        foreach (var invoice in calls.GroupBy(c => c.Call.Confirmation.PaymentReference))
        {
            if (invoice.Any(c => c.Answer is null))
            {
                continue;
            }

            var accepted = invoice.Where(c => Is(c.Answer!, 200, "accepted")).ToList();
            if (accepted.Count != 1)
            {
                violations.Add($"{invoice.Key}: {accepted.Count} calls answered accepted");
                continue;
            }

            var winner = accepted[0].Call.Confirmation.BankTransactionId;
            foreach (var c in invoice.Where(c => !ReferenceEquals(c, accepted[0])))
            {
                var sameTransaction = c.Call.Confirmation.BankTransactionId == winner;
                var expected = sameTransaction ? Is(c.Answer!, 200, "duplicate") : IsProblem(c.Answer!, 409, "already-paid");
                if (!expected)
                {
                    violations.Add($"{invoice.Key}: a {c.Call.Kind} call of {(sameTransaction ? "the accepted" : "another")} transaction " +
                        $"answered {c.Answer!.HttpStatus} {c.Answer.Status ?? c.Answer.Type}");
                }
            }
        }

        return violations;
    }

    /// <summary>Invoices with a call that got no answer (time-out, refused, 5xx without JSON): not checkable from the answers.</summary>
    public static int Unverifiable(IEnumerable<SentCall> calls) =>
        calls.Where(c => c.Answer is null).Select(c => c.Call.Confirmation.PaymentReference).Distinct().Count();

    /// <summary>The transaction each invoice was paid by, per the answers.</summary>
    public static IReadOnlyDictionary<string, string> Winners(IEnumerable<SentCall> calls) =>
        calls.Where(c => c.Answer is { } a && Is(a, 200, "accepted"))
            .GroupBy(c => c.Call.Confirmation.PaymentReference)
            .ToDictionary(g => g.Key, g => g.First().Call.Confirmation.BankTransactionId);

    private static bool Is(PaymentAnswer answer, int status, string word) => answer.HttpStatus == status && answer.Status == word;

    private static bool IsProblem(PaymentAnswer answer, int status, string slug) => answer.HttpStatus == status && answer.Type == slug;
}
