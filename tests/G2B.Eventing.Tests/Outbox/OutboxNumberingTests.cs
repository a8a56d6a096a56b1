using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace G2B.Eventing.Tests.Outbox;

/// <summary>
/// How a save numbers its outbox rows: by the INSERT itself (no round trip of its own) unless rows of the
/// save share an ordering key, which are numbered beforehand in the order they were added. Either way a
/// key's rows are numbered in the order they were saved, across saves too.
/// </summary>
public sealed class OutboxNumberingTests
{
    /// <summary>The statements EF sends, as the database sees them (the sync and async API).</summary>
    private sealed class Statements : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _texts = new();

        public int Numberings => _texts.Count(t => t.Contains("nextval(", StringComparison.Ordinal));

        public void Clear() => _texts.Clear();

        public override InterceptionResult<DbDataReader> ReaderExecuting(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            _texts.Enqueue(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }

    private static Task<ClockedApp> StartAsync(string name, Statements statements) =>
        ClockedApp.StartAsync(name, configure: builder => builder.Services.ConfigureDbContext<EventingTestDbContext>(o => o.AddInterceptors(statements)));

    private static async Task<List<Guid>> SaveAsync(EventingTestApp app, bool sync, params string?[] keys)
    {
        var events = keys.Select((_, i) => new NoteWrittenIntegrationEvent($"n{i}")).ToList();
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < keys.Length; i++)
            {
                db.AddIntegrationEvent(events[i], keys[i]);
            }

            if (sync)
            {
                db.SaveChanges();
            }
            else
            {
                await db.SaveChangesAsync();
            }
        });
        return events.Select(e => e.Id).ToList();
    }

    private static async Task<List<long>> SequencesAsync(EventingTestApp app, IEnumerable<Guid> ids)
    {
        var rows = await app.OutboxAsync();
        return ids.Select(id => rows.Single(r => r.Id == id).Sequence).ToList();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rows_with_different_keys_or_none_are_numbered_by_the_insert_and_later_saves_number_after_them(bool sync)
    {
        var statements = new Statements();
        await using var rig = await StartAsync($"numbering_insert_{sync}", statements);
        statements.Clear();

        var first = await SaveAsync(rig.App, sync, "a", "b", null, null);
        statements.Numberings.Should().Be(0, "no key repeats in the save: the INSERT numbers the rows");
        var firstSequences = await SequencesAsync(rig.App, first);
        firstSequences.Should().OnlyContain(s => s > 0).And.OnlyHaveUniqueItems();

        var second = await SaveAsync(rig.App, sync, "a", "b");
        statements.Numberings.Should().Be(0);
        (await SequencesAsync(rig.App, second)).Should().OnlyContain(s => s > firstSequences.Max(), "a later save numbers after an earlier one");

        (await rig.RoundAsync()).Should().Be(6);
        rig.Publisher.OfKey("a").Should().Equal(first[0], second[0]);
        rig.Publisher.OfKey("b").Should().Equal(first[1], second[1]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rows_of_one_save_sharing_a_key_are_numbered_beforehand_in_the_order_they_were_added(bool sync)
    {
        var statements = new Statements();
        await using var rig = await StartAsync($"numbering_shared_{sync}", statements);
        var earlier = await SaveAsync(rig.App, sync, "x");
        statements.Clear();

        // Enough interleaved rows that an insert order other than the added one would show.
        var keys = Enumerable.Range(0, 16).Select(i => i % 4 == 0 ? "b" : i % 4 == 1 ? null : "a").ToArray();
        var ids = await SaveAsync(rig.App, sync, keys);

        statements.Numberings.Should().Be(1, "one query numbers every row of the save");
        var sequences = await SequencesAsync(rig.App, ids);
        sequences.Should().BeInAscendingOrder("the rows are numbered in the order they were added");
        sequences.Min().Should().BeGreaterThan((await SequencesAsync(rig.App, earlier)).Single());

        (await rig.RoundAsync()).Should().Be(keys.Length + 1);
        rig.Publisher.OfKey("a").Should().Equal(ids.Where((_, i) => keys[i] == "a"));
        rig.Publisher.OfKey("b").Should().Equal(ids.Where((_, i) => keys[i] == "b"));
    }
}
