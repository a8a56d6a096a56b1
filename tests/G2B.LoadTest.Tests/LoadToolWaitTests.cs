using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace G2B.LoadTest.Tests;

/// <summary>
/// A whole journey through a WireMock gateway that plays the suite (the application is issued once the
/// bank has paid, and the stream says so after a reconnection): the tool waits the way it is told and
/// reports which way it waited and how the waits were answered.
/// </summary>
public sealed class LoadToolWaitTests : IDisposable
{
    private const string ApplicationId = "0193a0e0-0000-7000-8000-0000000000aa";
    private const string Reference = "RF18539007547034";

    private readonly WireMockServer _gateway = WireMockServer.Start();

    public LoadToolWaitTests() => GivenASuite();

    public void Dispose() => _gateway.Stop();

    [Theory]
    [InlineData(new string[0], "waiting on the event stream", "stream: 2 answered by the stream, 0 fell back to GET")]
    [InlineData(new[] { "--wait", "poll" }, "waiting by polling", "poll: 2 answered by polling GET")]
    public async Task The_tool_waits_as_told_and_reports_how(string[] wait, string announced, string tally)
    {
        using var output = new StringWriter();

        var exitCode = await LoadTool.RunAsync(
            [.. wait, "--journeys", "1", "--concurrency", "1", "--warmup", "0", "--probes", "1", "--gateway", _gateway.Url!, "--direct", _gateway.Url!],
            output);

        var report = output.ToString();
        exitCode.Should().Be(0, report);
        report.Should().Contain("journeys completed      1 of 1").And.Contain(announced).And.Contain($"waits                   {tally}");
        var streams = _gateway.LogEntries.Count(e => e.RequestMessage.Path == "/api/events/stream");
        if (wait.Length == 0)
        {
            streams.Should().BeGreaterThan(1, "the stream dropped once and was resumed");
        }
        else
        {
            streams.Should().Be(0);
        }
    }

    private void GivenASuite()
    {
        Post("/dev/token", new { accessToken = "t", expiresIn = 3600 });
        Post("/api/companies", Company(licences: []));
        Get("/api/licence-types", new[]
        {
            new { code = "retail", name = "Retail", fee = 150m, currency = "TMT", validityMonths = 12, requiresReview = false, eligibleActivityCodes = Array.Empty<string>() },
        });
        Post("/api/applications", Application("AwaitingPayment", reference: null));
        Get($"/api/applications/{ApplicationId}", Application("AwaitingPayment", Reference));
        Get($"/bank/v1/bills/{Reference}", new { paymentReference = Reference, amount = 150m, currency = "TMT", status = "Open", dueAt = DateTimeOffset.UtcNow.AddDays(14), payeeName = "Journey LLC" });
        _gateway.Given(Request.Create().WithPath("/bank/v1/payments").UsingPost()).InScenario("suite").WillSetStateTo("paid")
            .RespondWith(Json(new { status = "accepted" }));
        _gateway.Given(Request.Create().WithPath($"/api/applications/{ApplicationId}").UsingGet()).InScenario("suite").WhenStateIs("paid")
            .WillSetStateTo("paid").AtPriority(1).RespondWith(Json(Application("Issued", Reference)));
        Get("/api/companies/REG-1", Company(licences: [new { licenceNumber = "LIC-1", licenceType = "retail", status = "Active", validUntil = "2027-11-30" }]));
        Get("/verify/licences/LIC-1", new { licenceNumber = "LIC-1", holderName = "Journey LLC", licenceType = "retail", status = "Active", validUntil = "2027-11-30" });

        // (A scenario mapping that matches sets the scenario's state: those of "paid" keep it.)
        // The stream: the invoice at once, then the connection drops; resumed after id 1, it says Issued once paid.
        Stream(Request.Create(), 50, Event("1", "invoice.issued"));
        Stream(Request.Create().WithHeader("Last-Event-ID", "1"), 10, ": heartbeat\n\n");
        _gateway.Given(Request.Create().WithPath("/api/events/stream").WithHeader("Last-Event-ID", "1")).InScenario("suite").WhenStateIs("paid")
            .WillSetStateTo("paid").AtPriority(5).RespondWith(EventStream(Event("2", "licence.issued")));
        Stream(Request.Create().WithHeader("Last-Event-ID", "2"), 5, ": heartbeat\n\n");
    }

    private void Post(string path, object body) =>
        _gateway.Given(Request.Create().WithPath(path).UsingPost()).AtPriority(100).RespondWith(Json(body));

    private void Get(string path, object body) =>
        _gateway.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(100).RespondWith(Json(body));

    private void Stream(IRequestBuilder request, int priority, string events) =>
        _gateway.Given(request.WithPath("/api/events/stream").UsingGet()).AtPriority(priority).RespondWith(EventStream(events));

    private static IResponseBuilder EventStream(string events) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody("retry: 100\n\n" + events);

    private static string Event(string id, string type) =>
        $"id: {id}\nevent: {type}\ndata: {{\"type\":\"{type}\",\"subject\":{{\"applicationId\":\"{ApplicationId}\"}},\"data\":{{}}}}\n\n";

    private static object Company(object[] licences) => new
    {
        registrationNumber = "REG-1", legalName = "Journey LLC", legalForm = "LLC", taxId = "123456789012", status = "Active",
        activityCodes = new[] { "47.11" }, licences,
    };

    private static object Application(string status, string? reference) => new
    {
        applicationId = ApplicationId, registrationNumber = "REG-1", licenceType = "retail", status, fee = 150m, currency = "TMT",
        submittedAt = DateTimeOffset.UtcNow, paymentReference = reference, licenceNumber = status == "Issued" ? "LIC-1" : null,
    };

    private static IResponseBuilder Json(object body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(body);
}
