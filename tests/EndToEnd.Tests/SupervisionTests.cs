namespace EndToEnd.Tests;

/// <summary>
/// The runner keeps the suite up as Tye and Kubernetes would: each kind of process is SIGKILLed
/// while journeys are in flight (their events on the way between services), the runner restarts it
/// by itself, and every journey still ends issued, with one invoice, one payment and one licence.
/// </summary>
public sealed class SupervisionTests(EndToEndSuite suite) : EndToEndTest(suite)
{
    private const int JourneysInFlight = 4;

    [Theory]
    [InlineData("licence-applications")]
    [InlineData("fee-payments-dapr")]
    [InlineData("postgres")]
    [InlineData("redis")]
    [InlineData("demo-bank")]
    public async Task A_process_killed_under_load_comes_back_and_every_journey_in_flight_completes_once(string process)
    {
        var journeys = Enumerable.Range(0, JourneysInFlight)
            .Select(_ => new UnderFaultJourney(Suite, payAtDemoBank: process == "demo-bank"))
            .ToList();
        var running = journeys.Select(j => Task.Run(j.RunAsync)).ToList();
        await Task.WhenAll(journeys.Select(j => j.Applied.Task));

        var before = await Suite.Host.KillAsync(process);
        await Suite.Host.WaitUntilBackAsync(process, before);
        var applications = await Task.WhenAll(running);

        Suite.Host.Restarts(process).Should().Be(before + 1, "it was killed once and came back once");
        applications.Should().OnlyContain(a => a.Status == "Issued" && a.LicenceNumber != null);
        foreach (var application in applications)
        {
            await SuiteDatabase.ShouldHaveExactlyOneOfEachAsync(Suite.Host, application.ApplicationId);
        }
    }
}
