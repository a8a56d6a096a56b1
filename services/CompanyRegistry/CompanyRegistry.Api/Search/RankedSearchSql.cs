using System.Globalization;
using NpgsqlTypes;

namespace CompanyRegistry.Api.Search;

/// <summary>
/// The ranked search. A row matches when q is its registration number or tax id (score 2), or when
/// every word of q is similar (pg_trgm word similarity over the threshold) to some word of its name.
/// Score of a name = mean over the query words of the best similarity among its words; order
/// (score desc, name length, id), so exact words first and, among equals, the shortest (closest) name.
/// <para>
/// Typos are matched against <c>name_words</c>, the dictionary of distinct words (hundreds to tens
/// of thousands of rows), never against a million names. A query of several words then intersects
/// the companies holding them in the GIN index on <c>company_search.words</c> and ranks only those.
/// A one-word query can match tens of thousands of names ("pharm"); it reads each matching word's
/// companies from <c>company_name_words</c> already in (name length, id) order, so a page costs
/// about its own size at any depth instead of ranking every match (with an activity code filter it
/// is ranked like several words instead: the two GIN indexes intersect to a few rows; with a licence
/// type it walks <c>company_licence_words</c>, the same lists restricted to that type's holders; with a
/// status, the lists of that status, read from the key's index of <c>company_name_words</c>, which carries it).
/// </para>
/// </summary>
internal static class RankedSearchSql
{
    private const string ExactScore = "2";

    // A query word this short ("tra", a typo's cut word) is usually similar to thousands of dictionary words (2,503
    // for "tra" on 5,000,000 names, held by 66% of the companies): finding them cost 20-40 ms and narrows nothing.
    // Beside longer words it is looked up only when the longer ones leave more candidates than this (about what
    // its lookup costs): a short word can be the selective one ("tradng 253": "253" rare, "trading" in 10% of names).
    private const int LookupWordMinLength = 4;
    private const int ShortWordLookupCandidates = 1000;

    public static void Build(SqlText sql, CompanySearchCriteria criteria, IReadOnlyList<string> words, LevelSearchSettings levelSettings)
    {
        var exactFilters = CompanySearch.Filters(sql, criteria, "c").ToList();
        var exactNumber = sql.Add(criteria.Query!.Trim().ToUpperInvariant(), NpgsqlDbType.Text);
        var exactTaxId = sql.Add(criteria.Query.Trim(), NpgsqlDbType.Text);
        var limit = sql.Add(criteria.Limit + 1, NpgsqlDbType.Integer);
        var queryWords = words.Count == 0 ? null : sql.Add(words.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        // Several words without filters are ranked from the word lists by their similarity levels (LevelSearchSql).
        var byLevels = words.Count >= 2 && criteria is { Status: null, ActivityCode: null, LicenceType: null };
        string? lastScore = null, lastLength = null, lastId = null;
        if (criteria.After is { } after)
        {
            lastScore = sql.Add(after.LastScore ?? float.Parse(ExactScore, CultureInfo.InvariantCulture), NpgsqlDbType.Real);
            lastLength = sql.Add(after.LastLength, NpgsqlDbType.Integer);
            lastId = sql.Add(after.LastId, NpgsqlDbType.Bigint);
        }

        // RECURSIVE: the level path walks its combinations one by one (LevelSearchSql); it changes nothing for the others.
        sql.Append(byLevels ? "WITH RECURSIVE" : "WITH").Append(" exact AS MATERIALIZED (SELECT c.id FROM companies c WHERE (c.registration_number = ")
            .Append(exactNumber).Append(" OR c.tax_id = ").Append(exactTaxId).Append(")")
            .Append(string.Concat(exactFilters.Select(f => " AND " + f))).Append(")");
        // Both statements give a row the same score and length, so either may serve any page of a walk.
        // An activity code is rare enough that intersecting it in the indexes beats walking the word's list.
        var oneWord = words.Count == 1 && criteria.ActivityCode is null;
        var longWords = words.Where(w => w.Count(char.IsLetterOrDigit) >= LookupWordMinLength).ToList();
        if (oneWord || longWords.Count == 0)
        {
            longWords = [.. words];
        }
        if (queryWords is not null)
        {
            // Dictionary words similar to each (long) query word (i = its position among those).
            var lookup = longWords.Count == words.Count ? queryWords : sql.Add(longWords.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            sql.Append(", m AS MATERIALIZED (SELECT q.i, d.word::text AS word, word_similarity(q.qw, d.word) AS s ")
                .Append("FROM unnest(").Append(lookup).Append(") WITH ORDINALITY AS q(qw, i) ").Append(SimilarWords).Append(")");
            if (!oneWord)
            {
                List<string> shortWords = [.. words.Except(longWords, StringComparer.Ordinal)];
                var groups = QueryWordCosts(sql, shortWords, longWords.Count);
                if (byLevels)
                {
                    // m and m2 number the long words, then the short ones; the levels follow the query's order.
                    var positions = sql.Add(longWords.Concat(shortWords).Select(w => words.ToList().IndexOf(w) + 1).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
                    var lookedUp = shortWords.Count == 0 ? null : sql.Add(longWords.Concat(shortWords).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                    LevelSearchSql.AppendCtes(sql, levelSettings, queryWords, words.Count, groups, positions, lookedUp);
                    LevelSearchSql.AppendWalk(sql, levelSettings, queryWords, words.Count, limit, lastScore, lastLength, lastId);
                }
            }
        }
        sql.Append(" SELECT id, score, len FROM (SELECT id, ").Append(ExactScore).Append("::real AS score, 0 AS len FROM exact");
        if (oneWord)
        {
            sql.Append(" UNION ALL ");
            OneWord(sql, criteria, words[0], limit, lastScore, lastLength, lastId);
        }
        else if (words.Count > 0)
        {
            if (byLevels)
            {
                sql.Append(" UNION ALL ");
                LevelSearchSql.AppendPage(sql, limit);
            }
            sql.Append(" UNION ALL ");
            ManyWords(sql, criteria, queryWords!, words.Count, longWords.Count, byLevels ? $"(NOT {LevelSearchSql.Gate} OR {LevelSearchSql.Cut})" : null);
        }
        sql.Append(") AS r");
        if (lastScore is not null)
        {
            sql.Append($" WHERE (r.score < {lastScore} OR (r.score = {lastScore} AND (r.len, r.id) > ({lastLength}, {lastId})))");
        }
        sql.Append(" ORDER BY r.score DESC, r.len, r.id LIMIT ").Append(limit);
    }

    // Each matching dictionary word's companies in key order, starting after the cursor; a company
    // holding several matching words is listed once, under its best one (ties: the first word).
    // With a licence type the list is that type's (company_licence_words: the same key after the
    // type), so only licensed companies are read instead of checking the licences of every holder.
    // Whether a company holds a better word than st.word is computed from its own few words (their
    // similarity to the query word is what m holds for them, every name word being in the dictionary):
    // scanning m for each company instead cost 1.1 s for "group" (403 similar words, 4,197 companies read).
    private static void OneWord(
        SqlText sql, CompanySearchCriteria criteria, string word, string limit, string? lastScore, string? lastLength, string? lastId)
    {
        var queryWord = sql.Add(word, NpgsqlDbType.Text);
        // The key's index of company_name_words carries the status, so a status makes its lists that status's lists,
        // read from the index alone (before: each holder's company_search row was read to learn its status, 4,121
        // rows for "berdy" + Suspended). company_licence_words holds no status: with both, the status is checked on s.
        var statusInKey = criteria.LicenceType is null ? criteria.Status : null;
        var filters = CompanySearch.Filters(sql, criteria with { Status = statusInKey is null ? criteria.Status : null }, "s", licence: false).ToList();
        var list = "company_name_words w WHERE w.word = st.word";
        if (criteria.LicenceType is { } licenceType)
        {
            list = $"company_licence_words w WHERE w.licence_type = {sql.Add(licenceType, NpgsqlDbType.Text)} AND w.word = st.word";
        }
        else if (statusInKey is { } status)
        {
            list += $" AND w.status = {sql.Add(status.ToString(), NpgsqlDbType.Text)}";
        }
        var betterWord = "NOT EXISTS (SELECT 1 FROM unnest(s.words) AS other(word) WHERE other.word <> st.word " +
            $"AND {queryWord} <% other.word AND (word_similarity({queryWord}, other.word) > st.s " +
            $"OR (word_similarity({queryWord}, other.word) = st.s AND other.word < st.word))) AND s.id NOT IN (SELECT id FROM exact)";
        var start = lastScore is null
            ? "SELECT word, s, -1 AS after_len, 0::bigint AS after_id FROM m"
            : $"SELECT word, s, CASE WHEN s = {lastScore} THEN {lastLength} ELSE -1 END AS after_len, " +
              $"CASE WHEN s = {lastScore} THEN {lastId} ELSE 0::bigint END AS after_id FROM m WHERE s <= {lastScore}";
        // The words in score order, so the incremental sort walks a word's list only once the page reaches its score.
        var walk = new System.Text.StringBuilder()
            .Append("(SELECT x.company_id, st.s, x.name_length FROM (").Append(start).Append(" ORDER BY s DESC) AS st CROSS JOIN LATERAL (")
            .Append("SELECT w.company_id, w.name_length FROM ").Append(list.Replace(" WHERE ", " JOIN company_search s ON s.id = w.company_id WHERE ", StringComparison.Ordinal))
            .Append(" AND (w.name_length, w.company_id) > (st.after_len, st.after_id) AND ").Append(betterWord)
            .Append(string.Concat(filters.Select(f => " AND " + f)))
            .Append(" ORDER BY w.name_length, w.company_id LIMIT ").Append(limit).Append(") AS x ORDER BY st.s DESC, x.name_length, x.company_id LIMIT ")
            .Append(limit).Append(")").ToString();
        if (filters.Count > 0)
        {
            sql.Append(walk);
            return;
        }
        PageFromKeys(sql, list, betterWord, limit, start, lastScore is null ? null : walk);
    }

    // Without a status checked on company_search: the next page-size entries of each similar word's list (its window: after the cursor's
    // position for the cursor's score, from the start for lower scores) are read from the key alone, ranked, and
    // company_search is read for them in rank order only until the page is full (the better-word check). The words
    // come in score order, so the incremental sort by (score, length, id) reads a word's window only once the page
    // reaches its score: "trade" reads its own window, not those of its 826 similar words (1,000,000 names).
    // The first page is exact: a company further down its best word's list has a page of better-or-equal rows
    // before it. After a cursor that holds unless a window's entry belongs to a company shown before the cursor
    // under a better word: it took a place in the window, so a row further down that list could belong on this
    // page. The statement proves such a page: a missed row lies after its word's full window, so the page is exact
    // when every full window ending before the page's last row (every full window if the page is short) has each
    // of its entries' companies on the page (under that word, or a better one: rows ranked before the missed one).
    // Otherwise (rare: a window ending inside the page holds a company shown before the cursor) the same statement
    // walks the lists with the check instead (the walk above; before, every cursor page walked: "trade", held by
    // 19% of 5,000,000 names, read 21 company_search rows per similar word, 15-27 s for pages 2..10).
    private static void PageFromKeys(SqlText sql, string list, string betterWord, string limit, string start, string? walk)
    {
        var window = $"FROM {list} AND (w.name_length, w.company_id) > (st.after_len, st.after_id) ORDER BY w.name_length, w.company_id LIMIT {limit}";
        var page = $"SELECT st.company_id, st.s, st.name_length FROM (SELECT st.word, st.s, x.company_id, x.name_length FROM ({start} ORDER BY s DESC) AS st " +
            $"CROSS JOIN LATERAL (SELECT w.company_id, w.name_length {window}) AS x ORDER BY st.s DESC, x.name_length, x.company_id) AS st " +
            $"JOIN company_search s ON s.id = st.company_id WHERE {betterWord} ORDER BY st.s DESC, st.name_length, st.company_id LIMIT {limit}";
        if (walk is null)
        {
            sql.Append("(").Append(page).Append(")");
            return;
        }
        sql.Append("(WITH page AS MATERIALIZED (").Append(page).Append("), ")
            .Append("last AS MATERIALIZED (SELECT p.s, p.name_length, p.company_id FROM page p WHERE (SELECT count(*) FROM page) = ").Append(limit)
            .Append(" ORDER BY p.s, p.name_length DESC, p.company_id DESC LIMIT 1), ")
            // The windows that can end before the page's last row: those of the words scored at or above it.
            .Append("win AS MATERIALIZED (SELECT st.word, st.s, x.company_id, x.name_length, x.rn FROM (SELECT st.* FROM (").Append(start)
            .Append(") AS st LEFT JOIN last p ON true WHERE p.s IS NULL OR st.s >= p.s) AS st CROSS JOIN LATERAL (SELECT w.company_id, w.name_length, ")
            .Append("row_number() OVER (ORDER BY w.name_length, w.company_id) AS rn ").Append(window).Append(") AS x), ")
            .Append("early AS MATERIALIZED (SELECT e.word FROM win e LEFT JOIN last p ON true WHERE e.rn = ").Append(limit)
            .Append(" AND (p.s IS NULL OR e.s > p.s OR (e.s = p.s AND (e.name_length, e.company_id) < (p.name_length, p.company_id)))), ")
            .Append("unproven AS MATERIALIZED (SELECT f.word FROM early f LEFT JOIN (SELECT c.word, count(*) AS shown FROM win c JOIN page p ON p.company_id = c.company_id ")
            .Append("WHERE c.word IN (SELECT word FROM early) GROUP BY c.word) AS a ON a.word = f.word WHERE coalesce(a.shown, 0) < ").Append(limit).Append(") ")
            .Append("SELECT company_id, s, name_length FROM page WHERE NOT EXISTS (SELECT 1 FROM unproven) ")
            .Append("UNION ALL SELECT * FROM (").Append(walk).Append(") AS walked WHERE EXISTS (SELECT 1 FROM unproven))");
    }

    private const string SimilarWords = "CROSS JOIN LATERAL (SELECT word FROM name_words WHERE q.qw <% word) d";

    // Per looked-up query word (k.i): its similar dictionary words, the share of companies estimated to hold one of
    // them (f: the planner's statistics of company_search.words, the frequencies of its most common words and, for
    // the others, half the least of those, as PostgreSQL's own estimate does), its rank by that share, and the number
    // of candidates the index would give for the words ranked before it (before: the table's rows times the product
    // of their shares). Without statistics every similar word counts as one company. Short words (m2) are looked up
    // only when the long ones (g1) are expected to leave more than ShortWordLookupCandidates candidates.
    private static string QueryWordCosts(SqlText sql, IReadOnlyList<string> shortWords, int longCount)
    {
        sql.Append(", st AS MATERIALIZED (SELECT greatest(c.reltuples, 1) AS total, coalesce(p.most_common_elem_freqs[")
            .Append("array_length(p.most_common_elems::text::text[], 1) + 1] / 2, 1 / greatest(c.reltuples, 1)) AS rest, ")
            .Append("p.most_common_elems::text::text[] AS elems, p.most_common_elem_freqs AS freqs FROM pg_class c LEFT JOIN pg_stats p ")
            .Append("ON p.schemaname = (SELECT n.nspname FROM pg_namespace n WHERE n.oid = c.relnamespace) AND p.tablename = 'company_search' AND p.attname = 'words' ")
            .Append("WHERE c.oid = 'company_search'::regclass)")
            .Append(Frequencies("m", "g1"));
        var groups = "g1";
        if (shortWords.Count > 0)
        {
            sql.Append(", m2 AS MATERIALIZED (SELECT q.i + ").Append(longCount.ToString(CultureInfo.InvariantCulture))
                .Append(" AS i, d.word::text AS word FROM unnest(").Append(sql.Add(shortWords.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text))
                .Append(") WITH ORDINALITY AS q(qw, i) ").Append(SimilarWords)
                .Append(" WHERE (SELECT max(total) * exp(sum(ln(f))) FROM g1) > ")
                .Append(ShortWordLookupCandidates.ToString(CultureInfo.InvariantCulture)).Append(")")
                .Append(Frequencies("m2", "g2"));
            groups = "(SELECT * FROM g1 UNION ALL SELECT * FROM g2)";
        }
        sql.Append(", k AS MATERIALIZED (SELECT g.i, g.words, g.lookups, row_number() OVER w AS rank, ")
            .Append("g.total * coalesce(exp(sum(ln(g.f)) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)), 1) AS before ")
            .Append("FROM ").Append(groups).Append(" AS g WINDOW w AS (ORDER BY g.f, g.i))");
        return groups;
    }

    private static string Frequencies(string source, string name) =>
        $", {name} AS MATERIALIZED (SELECT m.i, array_agg(m.word) AS words, count(*) AS lookups, max(st.total) AS total, " +
        $"greatest(least(sum(coalesce(e.f, st.rest)), 1), 1e-9) AS f FROM {source} m CROSS JOIN st " +
        "LEFT JOIN LATERAL unnest(st.elems, st.freqs) AS e(word, f) ON e.word = m.word GROUP BY m.i)";

    // Companies holding a similar word for every query word, ranked in full. The GIN index on words is asked
    // for the query word held by the fewest companies (k.rank 1), and for each next one only while the
    // candidates expected so far outnumber its similar words (a candidate costs a company_search row, a
    // similar word a posting-list lookup of about the same cost); a slot not worth its lookups repeats the
    // first word's array, which the GIN scan reads once. The other words are checked on the candidates from
    // the company's own few words (their similarity to a query word is what m holds for them, every name word
    // being in the dictionary), in the step that scores them. Intersecting every word in the index read the
    // posting list of every similar word: a typo's cut word ("tra") has 2,371 similar words on 1,000,000
    // names, which cost 24-71 ms. For one word the score is its best word's, as in OneWord.
    private static void ManyWords(SqlText sql, CompanySearchCriteria criteria, string queryWords, int wordCount, int longCount, string? gate)
    {
        var filters = CompanySearch.Filters(sql, criteria, "s").ToList();
        var count = wordCount.ToString(CultureInfo.InvariantCulture);
        sql.Append("SELECT s.id, sc.score, s.name_length FROM company_search s CROSS JOIN LATERAL (")
            .Append("SELECT (sum(b.best) / ").Append(count).Append(")::real AS score, count(*) AS matched FROM (")
            .Append("SELECT max(word_similarity(q.qw, w.word)) AS best FROM unnest(").Append(queryWords)
            .Append(") WITH ORDINALITY AS q(qw, i) CROSS JOIN unnest(s.words) AS w(word) WHERE q.qw <% w.word GROUP BY q.i) AS b) AS sc ")
            .Append("WHERE ").Append(gate is null ? "" : gate + " AND ").Append("(SELECT count(*) FROM g1) = ").Append(longCount.ToString(CultureInfo.InvariantCulture));
        for (var rank = 1; rank <= wordCount; rank++)
        {
            var slot = rank.ToString(CultureInfo.InvariantCulture);
            sql.Append(rank == 1
                ? " AND s.words && (SELECT words FROM k WHERE rank = 1)"
                : $" AND s.words && coalesce((SELECT words FROM k WHERE rank = {slot} AND before > lookups), (SELECT words FROM k WHERE rank = 1))");
        }
        sql.Append(" AND sc.matched = ").Append(count).Append(" AND s.id NOT IN (SELECT id FROM exact)");
        sql.Append(string.Concat(filters.Select(f => " AND " + f)));
    }
}
