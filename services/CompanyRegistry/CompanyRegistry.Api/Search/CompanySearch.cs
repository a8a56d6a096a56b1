using System.Text;
using CompanyRegistry.Api.Domain;
using Npgsql;
using NpgsqlTypes;

namespace CompanyRegistry.Api.Search;

public sealed record CompanySearchCriteria(
    string? Query, CompanyStatus? Status, string? ActivityCode, string? LicenceType, int Limit, SearchCursor? After);

public sealed record CompanySearchPage(IReadOnlyList<long> Ids, SearchCursor? Next);

/// <summary>
/// The regulator search as one SQL statement, shared by the endpoint and the benchmark tool so the
/// benchmark measures exactly what production runs. Clauses are added only when a filter is given,
/// so each plan is built for the filters actually used.
/// </summary>
public static class CompanySearch
{
    // Exact matches on registration number or tax id rank above any fuzzy name match (scores are <= 1).
    // A fuzzy score averages word similarity (finds partial words) with whole-name similarity, so
    // among names containing the words the one closest to the whole query comes first.
    private const float ExactScore = 2f;

    public static async Task<CompanySearchPage> RunAsync(
        NpgsqlConnection connection, CompanySearchCriteria criteria, float wordSimilarityThreshold, CancellationToken ct)
    {
        var normalized = string.IsNullOrWhiteSpace(criteria.Query) ? null : NameNormalizer.ForComparison(criteria.Query);
        await using var batch = new NpgsqlBatch(connection);
        if (normalized is not null)
        {
            // <% uses this threshold and is what the trigram index can answer; local to this transaction.
            var set = new NpgsqlBatchCommand("SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)");
            set.Parameters.Add(new NpgsqlParameter { Value = wordSimilarityThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            batch.BatchCommands.Add(set);
        }
        batch.BatchCommands.Add(BuildQuery(criteria, normalized));
        await using var transaction = await connection.BeginTransactionAsync(ct);
        batch.Transaction = transaction;

        var rows = new List<(long Id, float Score)>(criteria.Limit + 1);
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            if (normalized is not null)
            {
                await reader.NextResultAsync(ct);
            }
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetInt64(0), reader.GetFloat(1)));
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
            next = new SearchCursor(last.Id, normalized is null ? null : last.Score);
        }
        return new CompanySearchPage([.. rows.Select(r => r.Id)], next);
    }

    private static NpgsqlBatchCommand BuildQuery(CompanySearchCriteria criteria, string? normalized)
    {
        var command = new NpgsqlBatchCommand();
        var where = new List<string>();
        string score;
        if (normalized is not null)
        {
            var exact = Add(command, criteria.Query!.Trim().ToUpperInvariant(), NpgsqlDbType.Text);
            var raw = Add(command, criteria.Query.Trim(), NpgsqlDbType.Text);
            var fuzzy = Add(command, normalized, NpgsqlDbType.Text);
            score = $"CASE WHEN c.registration_number = {exact} OR c.tax_id = {raw} THEN {ExactScore}::real " +
                $"ELSE ((word_similarity({fuzzy}, c.name_normalized) + similarity({fuzzy}, c.name_normalized)) / 2)::real END";
            where.Add($"(c.registration_number = {exact} OR c.tax_id = {raw} OR {fuzzy} <% c.name_normalized)");
        }
        else
        {
            score = "0::real";
        }
        if (criteria.Status is { } status)
        {
            where.Add($"c.status = {Add(command, status.ToString(), NpgsqlDbType.Text)}");
        }
        if (criteria.ActivityCode is { } code)
        {
            where.Add($"c.activity_codes @> ARRAY[{Add(command, code, NpgsqlDbType.Text)}]");
        }
        if (criteria.LicenceType is { } licenceType)
        {
            where.Add("EXISTS (SELECT 1 FROM company_licences l WHERE l.company_id = c.id AND l.licence_type = " +
                $"{Add(command, licenceType, NpgsqlDbType.Text)})");
        }

        var sql = new StringBuilder();
        sql.Append("SELECT id, score FROM (SELECT c.id, ").Append(score).Append(" AS score FROM companies c");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }
        sql.Append(") AS m");
        if (criteria.After is { } after)
        {
            var lastId = Add(command, after.LastId, NpgsqlDbType.Bigint);
            if (normalized is not null)
            {
                var lastScore = Add(command, after.LastScore ?? ExactScore, NpgsqlDbType.Real);
                sql.Append($" WHERE (m.score < {lastScore} OR (m.score = {lastScore} AND m.id > {lastId}))");
            }
            else
            {
                sql.Append($" WHERE m.id > {lastId}");
            }
        }
        sql.Append(normalized is null ? " ORDER BY m.id" : " ORDER BY m.score DESC, m.id");
        sql.Append(" LIMIT ").Append(Add(command, criteria.Limit + 1, NpgsqlDbType.Integer));
        command.CommandText = sql.ToString();
        return command;
    }

    private static string Add(NpgsqlBatchCommand command, object value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
        return "$" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
