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
}
