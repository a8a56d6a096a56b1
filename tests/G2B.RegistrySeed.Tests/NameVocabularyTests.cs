using CompanyRegistry.Api.Domain;

namespace G2B.RegistrySeed.Tests;

/// <summary>The synthetic register's words: deterministic, as many distinct words as asked, drawn by Zipf's law.</summary>
public sealed class NameVocabularyTests
{
    [Fact]
    public void The_same_seed_gives_the_same_words_and_names_and_another_seed_other_ones()
    {
        new Vocabulary(5_000, seed: 1).Words.Should().Equal(new Vocabulary(5_000, seed: 1).Words);
        new Vocabulary(5_000, seed: 1).Words.Skip(Vocabulary.BusinessWords.Length)
            .Should().NotEqual(new Vocabulary(5_000, seed: 2).Words.Skip(Vocabulary.BusinessWords.Length));

        var first = new NameGenerator(seed: 7, vocabularySize: 5_000);
        var second = new NameGenerator(seed: 7, vocabularySize: 5_000);
        Enumerable.Range(0, 2_000).Select(_ => first.Next()).Should().Equal(Enumerable.Range(0, 2_000).Select(_ => second.Next()));
    }

    [Fact]
    public void The_vocabulary_holds_the_asked_number_of_distinct_lower_case_words_common_business_words_first()
    {
        var vocabulary = new Vocabulary(60_000, seed: 2026);

        vocabulary.Count.Should().Be(60_000);
        vocabulary.Words.Distinct(StringComparer.Ordinal).Should().HaveCount(60_000);
        vocabulary.Words.Should().OnlyContain(w => w.Length >= 2 && w.All(char.IsAsciiLetterLower));
        vocabulary.Words.Take(3).Should().Equal("trade", "trading", "group");
        // Each word is one word of a name: the normaliser keeps it whole.
        vocabulary.Words.Take(1_000).Should().OnlyContain(w => NameNormalizer.ForComparison(w) == w);
    }

    [Fact]
    public void Ranks_follow_zipfs_law_frequency_falls_as_one_over_the_rank()
    {
        const int n = 60_000, draws = 2_000_000;
        var sampler = new ZipfSampler(n, exponent: 1.0, seed: 3);
        var counts = new int[n];
        for (var i = 0; i < draws; i++)
        {
            counts[sampler.Next()]++;
        }

        // The commonest word is about 1 / H(60000) = 8.6% of the draws.
        var harmonic = Enumerable.Range(1, n).Sum(r => 1.0 / r);
        (counts[0] / (double)draws).Should().BeApproximately(1 / harmonic, 0.003);
        sampler.Probability(0).Should().BeApproximately(1 / harmonic, 1e-9);
        // Rank 1 against ranks 10 and 100: ratios 10 and 100 (within sampling noise).
        (counts[0] / (double)counts[9]).Should().BeInRange(9.0, 11.0);
        (counts[0] / (double)counts.Skip(95).Take(10).Average()).Should().BeInRange(85.0, 115.0);
        // Slope of log(frequency) against log(rank) over ranks 1..1000, by least squares: -1.
        var points = Enumerable.Range(0, 1_000).Select(r => (X: Math.Log(r + 1), Y: Math.Log(counts[r]))).ToList();
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
        slope.Should().BeInRange(-1.05, -0.95);
    }

    [Fact]
    public void A_steeper_exponent_concentrates_the_draws_on_the_head()
    {
        var flat = new ZipfSampler(1_000, exponent: 1.0, seed: 1);
        var steep = new ZipfSampler(1_000, exponent: 2.0, seed: 1);
        steep.Probability(0).Should().BeGreaterThan(flat.Probability(0));
        (steep.Probability(0) / steep.Probability(9)).Should().BeApproximately(100, 1e-6);
    }

    [Fact]
    public void Names_are_unique_on_the_comparison_form_and_use_most_of_a_large_vocabulary()
    {
        var names = new NameGenerator(seed: 2026, vocabularySize: 60_000);
        names.Reserve("Trading Group").Should().BeTrue();
        var generated = Enumerable.Range(0, 300_000).Select(_ => names.Next()).ToList();

        generated.Select(NameNormalizer.ForComparison).Append("trading group").Distinct(StringComparer.Ordinal).Should().HaveCount(300_001);
        var words = generated.SelectMany(n => n.Split(' ')).Where(w => !char.IsDigit(w[0])).Select(w => w.ToLowerInvariant()).ToList();
        var distinct = words.Distinct(StringComparer.Ordinal).Count();
        // 750,000 draws of a Zipf(1) over 60,000 words reach most of them; 5 million names reach >= 50,000.
        distinct.Should().BeGreaterThan(40_000);
        // The head is common, the tail rare: the commonest word is in several percent of names.
        var top = words.GroupBy(w => w).Max(g => g.Count());
        (top / (double)generated.Count).Should().BeInRange(0.05, 0.35);
        generated.Select(n => n.Split(' ').Count(w => !char.IsDigit(w[0]))).Should().OnlyContain(c => c >= 1 && c <= 4);
    }

    [Fact]
    public async Task A_name_drawn_more_often_than_ten_thousand_times_gets_the_next_branch_number_each_time()
    {
        // Steep enough that the commonest word alone is drawn as a one-word name ~18,000 times in 300,000 names
        // (on 5,000,000 realistic names it is ~43,000): numbers drawn at random from 2..9,999 ran out and looped forever.
        var names = new NameGenerator(seed: 3, vocabularySize: 200, exponent: 2.0);
        var run = Task.Run(() => Enumerable.Range(0, 300_000).Select(_ => names.Next()).ToList());
        (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)))).Should().BeSameAs(run, "the generator must not loop once a name's numbers run out");

        var generated = await run;
        generated.Select(NameNormalizer.ForComparison).Distinct(StringComparer.Ordinal).Should().HaveCount(generated.Count);
        var branches = generated.Where(n => char.IsDigit(n[^1])).GroupBy(n => n[..n.LastIndexOf(' ')])
            .OrderByDescending(g => g.Count()).First()
            .Select(n => int.Parse(n[(n.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        branches.Count.Should().BeGreaterThan(10_000);
        branches.Should().Equal(Enumerable.Range(2, branches.Count), "each branch of a name takes the next number");
    }
}
