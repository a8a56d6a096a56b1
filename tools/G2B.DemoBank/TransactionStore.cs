using System.Text.Json;
using Microsoft.Extensions.Options;

namespace G2B.DemoBank;

/// <summary>A payment this bank took against a suite reference (the shape of the contract's transactions API).</summary>
public sealed record BankTransaction(
    string PaymentReference, decimal Amount, string Currency, string BankTransactionId, DateTimeOffset PaidAt);

/// <summary>
/// The bank's book of payments, kept in memory and written through to a JSON file. A payment is
/// booked before the suite is told, so a lost callback is still found by reconciliation.
/// </summary>
public sealed class TransactionStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _gate = new();
    private readonly string _file;
    private readonly List<BankTransaction> _transactions;

    public TransactionStore(IOptions<DemoBankOptions> options)
    {
        Directory.CreateDirectory(options.Value.DataDirectory);
        _file = Path.Combine(options.Value.DataDirectory, "transactions.json");
        _transactions = File.Exists(_file)
            ? JsonSerializer.Deserialize<List<BankTransaction>>(File.ReadAllText(_file), Json) ?? []
            : [];
    }

    public void Add(BankTransaction transaction)
    {
        lock (_gate)
        {
            _transactions.Add(transaction);
            Save();
        }
    }

    /// <summary>The suite refused the payment for good (wrong amount, expired...): the money goes back.</summary>
    public void Remove(string bankTransactionId)
    {
        lock (_gate)
        {
            _transactions.RemoveAll(t => t.BankTransactionId == bankTransactionId);
            Save();
        }
    }

    /// <summary>Transactions strictly after <paramref name="since"/>, oldest first; <c>next</c> is set when more remain.</summary>
    public (IReadOnlyList<BankTransaction> Items, DateTimeOffset? Next) Page(DateTimeOffset since, int limit)
    {
        lock (_gate)
        {
            var after = _transactions.Where(t => t.PaidAt > since).OrderBy(t => t.PaidAt).ThenBy(t => t.BankTransactionId).ToList();
            var items = after.Take(limit).ToList();
            return (items, after.Count > limit ? items[^1].PaidAt : null);
        }
    }

    private void Save()
    {
        // Write then rename: a crash never leaves half a file.
        var temp = _file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(_transactions, Json));
        File.Move(temp, _file, overwrite: true);
    }
}
