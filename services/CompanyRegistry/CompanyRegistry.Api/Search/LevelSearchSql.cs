using System.Globalization;

namespace CompanyRegistry.Api.Search;

/// <summary>
/// Several query words without filters, ranked from the word lists in score order instead of ranking every candidate.
/// <para>
/// A company's score is the mean over the query words of its best similarity to each, so it depends only on the
/// similarity level (a distinct value of <c>word_similarity</c>) of its best word for each query word: its levels.
/// The combinations of levels (the product of each query word's levels, a few dozen) are walked in score order by a
/// recursive CTE, one per step, until the page is full and the next combination scores lower. The companies of one
/// combination all have its score and are read in page order (name length, id) from the <c>company_name_words</c>
/// lists of one of its levels' words (the level expected to be held by the fewest companies), keeping a company only
/// when its own words give exactly the combination's levels: each company is counted under one combination, with the
/// score the ranking gives it. The answers are those of <c>RankedSearchSql.ManyWords</c>, which ranks every
/// candidate the GIN index gives: a typo's cut word ("tra", 2,371 similar words) or two common words left it
/// thousands of candidates to score (300 ms for "tradng international tra" on 1,000,000 names).
/// </para>
/// <para>
/// The walk is cheap when the combinations are dense, and may read whole lists when a combination holds few companies.
/// So the level path is taken only when the query's words are expected to be held together by many companies
/// (<see cref="LevelSearchSettings.DenseMatches"/>), the combinations are few and their walked levels have few words;
/// and a list that gives fewer than a page within <see cref="LevelSearchSettings.WalkWindow"/> entries cuts the walk.
/// Otherwise (<see cref="Gate"/> false or <see cref="Cut"/> true) the same statement ranks every candidate, as before.
/// </para>
/// </summary>
internal static class LevelSearchSql
{
    /// <summary>The defaults: the level path is considered above 2,000 expected matches and reads at most 2,000 entries of a list.</summary>
    public static readonly LevelSearchSettings Defaults = new(DenseMatches: 2000, WalkWindow: 2000);

    // Above this many combinations of levels, the ranking path: each combination may cost a walk.
    private const int MaxCombinations = 256;

    // A combination whose walked level has more words than this is not walked (a list read per word): the ranking path.
    private const int MaxWalkedWords = 32;

    /// <summary>True (one-time) when the level path serves the statement; the ranking path runs when it is false.</summary>
    public const string Gate = "(SELECT ok FROM lp)";

    // ma: every query word's similar dictionary words (i = its position in the query), with the similarity the
    // ranking gives them; lv: its levels, their words and the share of companies estimated to hold one (st: the
    // planner's element statistics, as in RankedSearchSql.QueryWordCosts); cb: the combinations, their score
    // computed as the ranking computes a company's (float sum in query word order), and the walked level's words.
    public static void AppendCtes(
        SqlText sql, LevelSearchSettings settings, string queryWords, int wordCount, string groups, string positions, string? lookedUp)
    {
        var k = wordCount.ToString(CultureInfo.InvariantCulture);
        var dense = settings.DenseMatches.ToString(CultureInfo.InvariantCulture);
        // The similar words RankedSearchSql looked up (m: long query words, m2: short ones, when the long ones leave enough
        // candidates for the level path to be considered), numbered by their query word's position in the query.
        sql.Append(", ma AS MATERIALIZED (SELECT (").Append(positions).Append(")[m.i::int] AS i, m.word, m.s FROM m");
        if (lookedUp is not null)
        {
            sql.Append(" UNION ALL SELECT (").Append(positions).Append(")[m2.i::int], m2.word, word_similarity((").Append(lookedUp).Append(")[m2.i::int], m2.word) FROM m2");
        }
        sql.Append(")")
            .Append(", lv AS MATERIALIZED (SELECT ma.i, ma.s, array_agg(ma.word) AS words, sum(coalesce(e.f, st.rest)) AS f FROM ma CROSS JOIN st ")
            .Append("LEFT JOIN LATERAL unnest(st.elems, st.freqs) AS e(word, f) ON e.word = ma.word GROUP BY ma.i, ma.s)")
            // lq: whether the query words' similar words are expected to be held together by more than DenseMatches companies
            // (groups: their shares from RankedSearchSql.QueryWordCosts, as if independent; a short word not looked up there
            // leaves the estimate of the long ones, at most its threshold for looking short words up).
            .Append(", lq AS MATERIALIZED (SELECT coalesce(max(g.total) * exp(sum(ln(g.f))), 0) > ").Append(dense).Append(" AS ok FROM ")
            .Append(groups).Append(" AS g)")
            .Append(", lp AS MATERIALIZED (SELECT (SELECT ok FROM lq) AND (SELECT count(*) = ").Append(k).Append(" AND coalesce(exp(sum(ln(x.n))), 0) <= ")
            .Append(MaxCombinations.ToString(CultureInfo.InvariantCulture))
            .Append(" FROM (SELECT i, count(*) AS n FROM lv GROUP BY i) AS x) AS ok)");
        var levels = "ARRAY[" + string.Join(", ", Enumerable.Range(1, wordCount).Select(i => $"l{i}.s")) + "]";
        var components = string.Join(", ", Enumerable.Range(1, wordCount).Select(i => $"(l{i}.f, cardinality(l{i}.words), {i}, l{i}.words)"));
        // The walked level: the one expected to be held by the fewest companies. The prefilter: another with the fewest words,
        // an overlap checked on each walked company before its levels are computed from its words (the costly step).
        sql.Append(", cb AS MATERIALIZED (SELECT ").Append(levels).Append(" AS levels, (SELECT (sum(u.v ORDER BY u.o) / ").Append(k)
            .Append(")::real FROM unnest(").Append(levels).Append(") WITH ORDINALITY AS u(v, o)) AS score, d.words AS driver, ")
            .Append("(SELECT p.words FROM (VALUES ").Append(components).Append(") AS p(f, n, i, words) WHERE p.i <> d.i ORDER BY p.n, p.f, p.i LIMIT 1) AS prefilter ")
            .Append("FROM lv l1");
        for (var i = 2; i <= wordCount; i++)
        {
            sql.Append($" JOIN lv l{i} ON l{i}.i = {i}");
        }
        sql.Append(" CROSS JOIN LATERAL (SELECT d.i, d.words FROM (VALUES ").Append(components)
            .Append(") AS d(f, n, i, words) ORDER BY d.f, d.i LIMIT 1) AS d WHERE l1.i = 1 AND ").Append(Gate).Append(")");
    }

    // cn: the combinations at or below the cursor's score, numbered in score order, each with the cursor's position for
    // the cursor's score. lw walks them in that order, one per step, while the page is not full or the next one ties
    // with the last walked (its rows may come first by length), keeping each one's first page-size companies.
    public static void AppendWalk(
        SqlText sql, LevelSearchSettings settings, string queryWords, int wordCount, string limit, string? lastScore, string? lastLength, string? lastId)
    {
        var k = wordCount.ToString(CultureInfo.InvariantCulture);
        var combinations = lastScore is null
            ? "SELECT *, -1 AS after_len, 0::bigint AS after_id FROM cb"
            : $"SELECT *, CASE WHEN score = {lastScore} THEN {lastLength} ELSE -1 END AS after_len, " +
              $"CASE WHEN score = {lastScore} THEN {lastId} ELSE 0::bigint END AS after_id FROM cb WHERE score <= {lastScore}";
        // The company's levels and score from its own words, exactly as RankedSearchSql.ManyWords scores a candidate.
        var own = "SELECT array_agg(b.best ORDER BY b.i) AS levels, (sum(b.best ORDER BY b.i) / " + k + ")::real AS score FROM (" +
            "SELECT q.i, max(word_similarity(q.qw, o.word)) AS best FROM unnest(" + queryWords + ") WITH ORDINALITY AS q(qw, i) " +
            "CROSS JOIN unnest(s.words) AS o(word) WHERE q.qw <% o.word GROUP BY q.i) AS b";
        // Each walked word's list is read for at most WalkWindow entries: a list that gives fewer than a page of companies
        // within a full window is cut (its companies further down are unknown), and the statement takes the ranking path.
        // A company holding two walked words is found in both lists; the first page-size companies of the merged lists are
        // among the first page-size of each list.
        var window = settings.WalkWindow.ToString(CultureInfo.InvariantCulture);
        var list = "SELECT w.company_id, w.name_length FROM company_name_words w WHERE w.word = dw.word AND (w.name_length, w.company_id) > " +
            $"(c.after_len, c.after_id) ORDER BY w.name_length, w.company_id LIMIT {window}";
        var perWord = "SELECT a.ids, a.lens, a.scores, a.matched < " + limit + " AND (SELECT count(*) FROM (" + list + ") AS v) = " + window + " AS cut " +
            "FROM unnest(CASE WHEN cardinality(c.driver) <= " + MaxWalkedWords.ToString(CultureInfo.InvariantCulture) + " THEN c.driver END) AS dw(word) CROSS JOIN LATERAL (SELECT array_agg(f.company_id) AS ids, array_agg(f.name_length) AS lens, " +
            "array_agg(f.score) AS scores, count(*) AS matched FROM (SELECT w.company_id, w.name_length, sc.score FROM (" + list + ") AS w " +
            "JOIN company_search s ON s.id = w.company_id CROSS JOIN LATERAL (" + own + ") AS sc WHERE s.words && c.prefilter AND sc.levels = c.levels " +
            $"AND s.id NOT IN (SELECT id FROM exact) ORDER BY w.name_length, w.company_id LIMIT {limit}) AS f) AS a";
        var walk = "WITH per AS MATERIALIZED (" + perWord + ") SELECT coalesce(array_agg(r.id ORDER BY r.len, r.id), '{}') AS ids, " +
            "coalesce(array_agg(r.len ORDER BY r.len, r.id), '{}') AS lens, coalesce(array_agg(r.score ORDER BY r.len, r.id), '{}') AS scores, " +
            "coalesce((SELECT bool_or(p.cut) FROM per p), false) OR cardinality(c.driver) > " + MaxWalkedWords.ToString(CultureInfo.InvariantCulture) + " AS cut FROM (SELECT DISTINCT u.id, u.len, u.score FROM per p " +
            $"CROSS JOIN LATERAL unnest(p.ids, p.lens, p.scores) AS u(id, len, score) ORDER BY u.len, u.id LIMIT {limit}) AS r";
        sql.Append(", cn AS MATERIALIZED (SELECT row_number() OVER (ORDER BY c.score DESC) AS pos, c.* FROM (").Append(combinations).Append(") AS c)")
            // The first step is a row of nothing, so the walk is written (and planned) once.
            .Append(", lw AS (SELECT 0::bigint AS pos, NULL::real AS score, '{}'::bigint[] AS ids, '{}'::int[] AS lens, '{}'::real[] AS scores, false AS cut, ")
            .Append("0::bigint AS found UNION ALL SELECT c.pos, c.score, x.ids, x.lens, x.scores, x.cut, w.found + cardinality(x.ids) ")
            .Append("FROM lw w JOIN cn c ON c.pos = w.pos + 1 AND NOT w.cut AND (w.found < ").Append(limit).Append(" OR c.score = w.score) CROSS JOIN LATERAL (")
            .Append(walk).Append(") AS x)");
    }

    /// <summary>True (one-time) when a walked list was cut: the level path answers nothing and the ranking path runs.</summary>
    public const string Cut = "coalesce((SELECT bool_or(cut) FROM lw), false)";

    /// <summary>The page: the walked combinations' companies in rank order, unless a list was cut.</summary>
    public static void AppendPage(SqlText sql, string limit) =>
        sql.Append("(SELECT u.id, u.score, u.len FROM lw CROSS JOIN LATERAL unnest(lw.ids, lw.lens, lw.scores) AS u(id, len, score) WHERE NOT ")
            .Append(Cut).Append(" ORDER BY u.score DESC, u.len, u.id LIMIT ").Append(limit).Append(")");
}

/// <param name="DenseMatches">
/// The level path is taken when the query's words are expected (the planner's element statistics, as if independent) to be
/// held together by more than this many companies: the ranking path then has at least as many candidates to score, and
/// the first combinations fill a page early. With fewer it scores few, and a walk may read a whole list for a
/// combination that holds no company.
/// </param>
/// <param name="WalkWindow">The most entries of one word's list a combination's walk reads (each costs a company_search row).</param>
internal sealed record LevelSearchSettings(int DenseMatches, int WalkWindow);
