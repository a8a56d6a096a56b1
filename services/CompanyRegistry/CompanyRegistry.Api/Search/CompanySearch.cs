using Npgsql;
using NpgsqlTypes;

namespace CompanyRegistry.Api.Search;

public sealed record CompanySearchCriteria(
    string? Query, CompanyStatus? Status, string? ActivityCode, string? LicenceType, int Limit, SearchCursor? After);

public sealed record CompanySearchPage(IReadOnlyList<long> Ids, SearchCursor? Next);

/// <summary>
/// The regulator search as one SQL statement, shared by the endpoint and the benchmark tool so the
/// benchmark measures exactly what production runs. Clauses are added only when a filter is given,
/// so each plan is built for the filters actually used. The ranked (fuzzy) statement is built by
/// <see cref="RankedSearchSql"/>.
/// </summary>
public static class CompanySearch
{
    /// <summary>Words of a query beyond this are ignored: each one adds an index condition.</summary>
    public const int MaxQueryWords = 8;

    /// <summary>A page of companies (licences loaded) in search order, and the cursor of the next page.</summary>
    public static async Task<(IReadOnlyList<Company> Companies, SearchCursor? Next)> FindCompaniesAsync(
        CompanyRegistryDbContext db, CompanySearchCriteria criteria, float wordSimilarityThreshold, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        CompanySearchPage page;
        try
        {
            page = await RunAsync(connection, criteria, wordSimilarityThreshold, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var ids = page.Ids.ToList();
        var companies = await db.Companies.AsNoTracking().Include(c => c.Licences).AsSplitQuery()
            .Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return ([.. page.Ids.Where(companies.ContainsKey).Select(id => companies[id])], page.Next);
    }

    public static Task<CompanySearchPage> RunAsync(
        NpgsqlConnection connection, CompanySearchCriteria criteria, float wordSimilarityThreshold, CancellationToken ct) =>
        RunAsync(connection, criteria, wordSimilarityThreshold, LevelSearchSql.Defaults, ct);

    // The level path's settings are the tests' lever: a few dozen names never reach the defaults' thresholds.
    internal static async Task<CompanySearchPage> RunAsync(
        NpgsqlConnection connection, CompanySearchCriteria criteria, float wordSimilarityThreshold, LevelSearchSettings levelSettings, CancellationToken ct)
    {
        var ranked = !string.IsNullOrWhiteSpace(criteria.Query);
        await using var batch = CreateBatch(connection, criteria, wordSimilarityThreshold, levelSettings);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        batch.Transaction = transaction;

        var rows = new List<(long Id, float Score, int Length)>(criteria.Limit + 1);
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetInt64(0), reader.GetFloat(1), reader.GetInt32(2)));
            }
        }
        await transaction.CommitAsync(ct);

        var hasMore = rows.Count > criteria.Limit;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        SearchCursor? next = null;
        if (hasMore)
        {
            var last = rows[^1];
            next = ranked ? new SearchCursor(last.Id, last.Score, last.Length) : new SearchCursor(last.Id, null);
        }
        return new CompanySearchPage([.. rows.Select(r => r.Id)], next);
    }

    /// <summary>
    /// The settings of the search transaction, then the statement (its rows: id, score, name length).
    /// <para>
    /// JIT is off for the transaction: with a dictionary of tens of thousands of words the planner
    /// expects hundreds of similar words per query word and costs the statement above
    /// <c>jit_optimize_above_cost</c>, so PostgreSQL compiled and optimised it with LLVM on every run
    /// (1.7 s measured on 1,000,000 companies, for a statement that then ran in 0.4 ms). The statement
    /// reads a page's worth of index entries; compiled expressions cannot pay for themselves.
    /// </para>
    /// </summary>
    internal static NpgsqlBatch CreateBatch(
        NpgsqlConnection connection, CompanySearchCriteria criteria, float wordSimilarityThreshold, LevelSearchSettings? levelSettings = null)
    {
        var normalized = string.IsNullOrWhiteSpace(criteria.Query) ? null : NameNormalizer.ForComparison(criteria.Query);
        var words = normalized is null ? [] : QueryWords(normalized);
        var batch = new NpgsqlBatch(connection);
        // <% uses this threshold and is what the dictionary's trigram index can answer; both settings are local to this transaction.
        var settings = new NpgsqlBatchCommand(
            "SELECT set_config('jit', 'off', true), set_config('pg_trgm.word_similarity_threshold', $1, true)");
        settings.Parameters.Add(new NpgsqlParameter { Value = wordSimilarityThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        batch.BatchCommands.Add(settings);
        var sql = new SqlText();
        if (normalized is null)
        {
            BuildListing(sql, criteria);
        }
        else
        {
            RankedSearchSql.Build(sql, criteria, words, levelSettings ?? LevelSearchSql.Defaults);
        }
        batch.BatchCommands.Add(sql.Command);
        return batch;
    }

    /// <summary>
    /// The words a name is matched by: split like the names in <c>company_name_words</c> (on spaces of
    /// the normalised form), without one-letter words and punctuation, which have too few trigrams to match.
    /// </summary>
    public static IReadOnlyList<string> QueryWords(string normalized) =>
        [.. normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Count(char.IsLetterOrDigit) >= 2)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxQueryWords)];

    /// <summary>
    /// Filters shared by every form of the statement; <paramref name="alias"/> is companies or company_search (same column names).
    /// Without <paramref name="licence"/> the licence type is left to the caller (a statement that reads it from its own table).
    /// </summary>
    internal static IEnumerable<string> Filters(SqlText sql, CompanySearchCriteria criteria, string alias, bool licence = true)
    {
        if (criteria.Status is { } status)
        {
            yield return $"{alias}.status = {sql.Add(status.ToString(), NpgsqlDbType.Text)}";
        }
        if (criteria.ActivityCode is { } code)
        {
            yield return $"{alias}.activity_codes @> ARRAY[{sql.Add(code, NpgsqlDbType.Text)}]";
        }
        if (licence && criteria.LicenceType is { } licenceType)
        {
            yield return $"EXISTS (SELECT 1 FROM company_licences l WHERE l.company_id = {alias}.id AND l.licence_type = " +
                $"{sql.Add(licenceType, NpgsqlDbType.Text)})";
        }
    }

    // Without a query the order is registration order (id), served by the primary key or (status, id).
    private static void BuildListing(SqlText sql, CompanySearchCriteria criteria)
    {
        var where = Filters(sql, criteria, "c").ToList();
        if (criteria.After is { } after)
        {
            where.Add($"c.id > {sql.Add(after.LastId, NpgsqlDbType.Bigint)}");
        }
        sql.Append("SELECT c.id, 0::real AS score, 0 AS len FROM companies c");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").Append(string.Join(" AND ", where));
        }
        sql.Append(" ORDER BY c.id LIMIT ").Append(sql.Add(criteria.Limit + 1, NpgsqlDbType.Integer));
    }
}

/// <summary>SQL text with positional parameters ($1, $2, ...) of one batch command.</summary>
internal sealed class SqlText
{
    private readonly System.Text.StringBuilder _text = new();

    public NpgsqlBatchCommand Command { get; } = new();

    public SqlText Append(string text)
    {
        _text.Append(text);
        Command.CommandText = _text.ToString();
        return this;
    }

    public string Add(object value, NpgsqlDbType type)
    {
        Command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
        return "$" + Command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
