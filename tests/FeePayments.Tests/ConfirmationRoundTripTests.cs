namespace FeePayments.Tests;

/// <summary>
/// The statements a payment confirmation sends while it holds the invoice's row lock, read from Npgsql's own
/// trace of each command. Its transaction is given up whole when a save fails, so EF's automatic savepoint
/// around the save would only cost two round trips under the lock.
/// </summary>
public class ConfirmationRoundTripTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly Scenario _scenario = fixture.Scenario;

    [Fact]
    public async Task A_confirmation_saves_without_a_savepoint()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        using var statements = new NpgsqlStatements();

        using var response = await _scenario.PayAsync(invoice, "round-trips-1");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Scenario.StatusAsync(response)).Should().Be("accepted");
        statements.Texts.Should().Contain(s => s.Contains("INSERT INTO payments", StringComparison.OrdinalIgnoreCase),
            "the confirmation's own save was traced");
        statements.Texts.Should().NotContain(s => s.Contains("SAVEPOINT", StringComparison.OrdinalIgnoreCase));
    }
}
