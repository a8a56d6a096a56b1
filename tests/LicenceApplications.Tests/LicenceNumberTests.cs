using FeePayments.Contracts;

namespace LicenceApplications.Tests;

/// <summary>Issue 16: licence numbers drawn by concurrent issues (a class of its own: it issues licences other tests would count).</summary>
public sealed class LicenceNumberTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    /// <summary>
    /// Payments of several applications of one type confirmed at once: each issue draws its number from the
    /// locked counter row, so the numbers are distinct and follow each other without a gap.
    /// </summary>
    [Fact]
    public async Task Concurrent_issues_of_one_type_get_distinct_consecutive_numbers()
    {
        const int issues = 6;
        var applications = new List<Guid>();
        for (var i = 0; i < issues; i++)
        {
            var owner = $"conc-num-{i}";
            var company = await app.RegisterCompanyAsync(owner);
            applications.Add(await app.Business(owner).SubmitIdAsync(company, "RETAIL-TRADE"));
        }

        var year = app.Clock.GetUtcNow().Year;
        var before = await app.ScalarAsync(
            $"SELECT coalesce(max(last_value), 0) FROM licence_number_counters WHERE licence_type = 'RETAIL-TRADE' AND year = {year}");

        await Task.WhenAll(applications.Select(id => Task.Run(() => app.DeliverAsync(new InvoicePaidIntegrationEvent(
            id, Scenario.ReferenceFor(id), 500.00m, "TMT", "DEMOBANK", $"TX-NUM-{id:N}", DateTimeOffset.UtcNow)))));

        var numbers = new List<string>();
        foreach (var id in applications)
        {
            var issued = await app.Regulator().GetJsonAsync($"/api/applications/{id}");
            issued.GetProperty("status").GetString().Should().Be("Issued");
            numbers.Add(issued.GetProperty("licenceNumber").GetString()!);
        }

        numbers.Should().OnlyHaveUniqueItems();
        numbers.Order(StringComparer.Ordinal).Should().Equal(
            Enumerable.Range((int)before + 1, issues).Select(n => $"RETAIL-TRADE-{year}-{n:D6}"));
    }

    /// <summary>
    /// A regulator's approval whose save loses a race (another change to the application committed first) is retried;
    /// the number drawn by the lost attempt must come back, not leave a gap. The lost race is made real by a trigger
    /// that skips the application's first update to Issued (its count kept in a sequence, which no rollback undoes).
    /// </summary>
    [Fact]
    public async Task An_approval_that_loses_a_race_and_is_retried_leaves_no_gap_in_the_numbers()
    {
        var (_, id, owner) = await app.ApplyAsync("num-race", "PHARMACY");
        (await app.PayAsync(id)).GetProperty("status").GetString().Should().Be("UnderReview");
        await owner.UploadRequiredAsync(id, DocumentSteps.PharmacyDocuments);
        var year = app.Clock.GetUtcNow().Year;
        var before = await app.ScalarAsync(
            $"SELECT coalesce(max(last_value), 0) FROM licence_number_counters WHERE licence_type = 'PHARMACY' AND year = {year}");

        await app.ScalarAsync($"""
            CREATE SEQUENCE lose_race_attempts;
            CREATE FUNCTION lose_race_once() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.id = '{id}' AND NEW.status = 'Issued' AND nextval('lose_race_attempts') = 1 THEN
                    RETURN NULL;
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER lose_race_once BEFORE UPDATE ON applications FOR EACH ROW EXECUTE FUNCTION lose_race_once();
            """);
        try
        {
            var decision = await app.Regulator().PostAsJsonAsync($"/api/applications/{id}/decision", new { approve = true, reason = "ok" });
            decision.StatusCode.Should().Be(HttpStatusCode.OK);
            (await decision.ReadJsonAsync()).GetProperty("licenceNumber").GetString().Should().Be($"PHARMACY-{year}-{before + 1:D6}");
            (await app.ScalarAsync("SELECT nextval('lose_race_attempts')")).Should().Be(3, "one lost save, one retried save, then this look");
        }
        finally
        {
            await app.ScalarAsync("DROP TRIGGER lose_race_once ON applications; DROP FUNCTION lose_race_once(); DROP SEQUENCE lose_race_attempts;");
        }

        (await app.ScalarAsync($"SELECT last_value FROM licence_number_counters WHERE licence_type = 'PHARMACY' AND year = {year}"))
            .Should().Be(before + 1);
    }
}
