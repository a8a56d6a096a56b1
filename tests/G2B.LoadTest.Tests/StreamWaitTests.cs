using System.Diagnostics;
using System.Text.Json;
using G2B.Journey;
using G2B.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace G2B.LoadTest.Tests;

/// <summary>
/// The journey client's waits against a WireMock gateway whose event stream drops, stays silent or runs
/// ahead of the application: the answer is always the application's own GET.
/// </summary>
public sealed class StreamWaitTests : IDisposable
{
    private const string Token = "business-token";
    private static readonly Guid ApplicationId = Guid.Parse("0193a0e0-0000-7000-8000-000000000001");
    private static readonly string ApplicationPath = $"/api/applications/{ApplicationId}";

    private readonly WireMockServer _gateway = WireMockServer.Start();
    private readonly SuiteApi _suite;

    public StreamWaitTests()
    {
        _suite = new SuiteApi(new HttpClient { BaseAddress = new Uri(_gateway.Url!), Timeout = TimeSpan.FromSeconds(10) });
        GivenApplication("AwaitingPayment", priority: 100);
    }

    public void Dispose()
    {
        _suite.Http.Dispose();
        _gateway.Stop();
    }

    [Fact]
    public async Task A_dropped_stream_is_resumed_with_Last_Event_ID_and_its_event_ends_the_wait()
    {
        // The first connection carries the invoice and drops; only the resumed one (after id 7) says Issued.
        GivenStream(null, Event("7", "invoice.issued"));
        GivenStream("7", Event("8", "licence.issued"), becomes: "issued");
        GivenStream("8", ": heartbeat\n\n");
        _gateway.Given(Request.Create().WithPath(ApplicationPath).UsingGet()).InScenario("journey").WhenStateIs("issued")
            .WillSetStateTo("issued").AtPriority(1).RespondWith(Json(Application("Issued")));
        var tally = new WaitTally();
        await using var waits = await StartAsync(WaitMode.Stream, tally, patience: TimeSpan.FromSeconds(20));

        var clock = Stopwatch.StartNew();
        var application = await waits.UntilAsync(ApplicationId, a => a.Status == "Issued", LicenceJourney.AnnouncesIssued, "Issued", TimeSpan.FromSeconds(30));

        application.Status.Should().Be("Issued");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the stream answered before the wait's patience ran out");
        (tally.AnsweredByStream, tally.FellBack).Should().Be((1, 0));
        await WaitForAsync(() => _gateway.LogEntries.Count(e => e.RequestMessage.Path == "/api/events/stream") >= 3);
        var streams = _gateway.LogEntries.Where(e => e.RequestMessage.Path == "/api/events/stream").ToList();
        streams.Select(e => LastEventId(e.RequestMessage.Headers)).Should().StartWith([null, "7", "8"]);
        streams.Should().OnlyContain(e => e.RequestMessage.Headers!["Authorization"].Single() == $"Bearer {Token}");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(502)]
    public async Task A_silent_or_refused_stream_makes_the_wait_ask_once_its_patience_runs_out(int streamStatus)
    {
        if (streamStatus == 200)
        {
            GivenStream(null, ": heartbeat\n\n");
        }
        else
        {
            _gateway.Given(Request.Create().WithPath("/api/events/stream")).RespondWith(Response.Create().WithStatusCode(502));
        }

        GivenApplication("Issued", priority: 1);
        var tally = new WaitTally();
        await using var waits = await StartAsync(WaitMode.Stream, tally, patience: TimeSpan.FromMilliseconds(600));

        var clock = Stopwatch.StartNew();
        var application = await waits.UntilAsync(ApplicationId, a => a.Status == "Issued", LicenceJourney.AnnouncesIssued, "Issued", TimeSpan.FromSeconds(10));

        application.Status.Should().Be("Issued");
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(550), "it listened first");
        (tally.AnsweredByStream, tally.FellBack).Should().Be((0, 1));
    }

    [Fact]
    public async Task The_stream_saying_Issued_is_not_the_answer_until_the_applications_GET_agrees()
    {
        GivenStream(null, Event("3", "licence.issued"));
        var tally = new WaitTally();
        await using var waits = await StartAsync(WaitMode.Stream, tally, patience: TimeSpan.FromSeconds(20));

        var never = () => waits.UntilAsync(ApplicationId, a => a.Status == "Issued", LicenceJourney.AnnouncesIssued, "Issued", TimeSpan.FromSeconds(1.5));
        await never.Should().ThrowAsync<TimeoutException>("an event is never the answer while the application says otherwise");

        var asked = AskedForTheApplication();
        var agreeing = waits.UntilAsync(ApplicationId, a => a.Status == "Issued", LicenceJourney.AnnouncesIssued, "Issued", TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(() => AskedForTheApplication() >= asked + 2, "the wait asks the GET again", TimeSpan.FromSeconds(10));
        agreeing.IsCompleted.Should().BeFalse();
        GivenApplication("Issued", priority: 1);

        (await agreeing).Status.Should().Be("Issued");
        tally.AnsweredByStream.Should().Be(1);
        _gateway.LogEntries.Count(e => e.RequestMessage.Path == ApplicationPath).Should().BeGreaterThan(2, "it kept asking until the GET agreed");
    }

    private int AskedForTheApplication() => _gateway.LogEntries.Count(e => e.RequestMessage.Path == ApplicationPath);

    [Fact]
    public async Task An_event_of_another_application_or_another_kind_does_not_end_the_wait()
    {
        GivenStream(null, Event("4", "licence.issued", Guid.NewGuid()) + Event("5", "invoice.issued")
            + Event("6", "application.status-changed", data: """{"status":"UnderReview"}"""));
        GivenApplication("Issued", priority: 1);
        var tally = new WaitTally();
        await using var waits = await StartAsync(WaitMode.Stream, tally, patience: TimeSpan.FromMilliseconds(800));
        await WaitForAsync(() => waits.Stream!.LastEventId == "6");

        await waits.UntilAsync(ApplicationId, a => a.Status == "Issued", LicenceJourney.AnnouncesIssued, "Issued", TimeSpan.FromSeconds(10));

        (tally.AnsweredByStream, tally.FellBack).Should().Be((0, 1), "none of the three announces this application's licence");
        LicenceJourney.AnnouncesIssued(new StreamEvent("9", "application.status-changed",
            JsonDocument.Parse("""{"data":{"status":"Issued"}}""").RootElement)).Should().BeTrue();
    }

    [Fact]
    public async Task Polling_never_opens_the_stream()
    {
        GivenApplication("Issued", priority: 1);
        var tally = new WaitTally();
        await using var waits = await StartAsync(WaitMode.Poll, tally, patience: TimeSpan.FromSeconds(20));

        (await waits.UntilAsync(ApplicationId, a => a.Status == "Issued", LicenceJourney.AnnouncesIssued, "Issued", TimeSpan.FromSeconds(10)))
            .Status.Should().Be("Issued");

        (tally.Polled, tally.AnsweredByStream, tally.FellBack).Should().Be((1, 0, 0));
        _gateway.LogEntries.Should().NotContain(e => e.RequestMessage.Path == "/api/events/stream");
    }

    private Task<ApplicationWaits> StartAsync(WaitMode mode, WaitTally tally, TimeSpan patience) =>
        ApplicationWaits.StartAsync(_suite, Token, mode, tally, new StreamWaitOptions
        {
            Patience = patience, OpenTimeout = TimeSpan.FromSeconds(2), ReconnectDelay = TimeSpan.FromMilliseconds(100),
        });

    private void GivenStream(string? after, string events, string? becomes = null)
    {
        var request = Request.Create().WithPath("/api/events/stream").UsingGet();
        var mapping = after is null
            ? _gateway.Given(request).AtPriority(50)
            : _gateway.Given(request.WithHeader("Last-Event-ID", after)).AtPriority(10);
        if (becomes is not null)
        {
            mapping = mapping.InScenario("journey").WillSetStateTo(becomes);
        }

        // The body ends, so the connection does: as a dropped stream looks to the client.
        mapping.RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream")
            .WithBody("retry: 100\n\n" + events));
    }

    private void GivenApplication(string status, int priority) =>
        _gateway.Given(Request.Create().WithPath(ApplicationPath).UsingGet()).AtPriority(priority).RespondWith(Json(Application(status)));

    private static string Event(string id, string type, Guid? applicationId = null, string data = "{}") =>
        $"id: {id}\nevent: {type}\ndata: {{\"id\":\"{Guid.NewGuid()}\",\"type\":\"{type}\",\"subject\":{{\"applicationId\":\"{applicationId ?? ApplicationId}\"}},\"data\":{data}}}\n\n";

    private static object Application(string status) => new
    {
        applicationId = ApplicationId, registrationNumber = "REG-1", licenceType = "retail", status, fee = 150m, currency = "TMT",
        submittedAt = DateTimeOffset.UtcNow, paymentReference = "RF18539007547034", licenceNumber = status == "Issued" ? "LIC-1" : null,
    };

    private static IResponseBuilder Json(object body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(body);

    private static string? LastEventId(IDictionary<string, WireMock.Types.WireMockList<string>>? headers) =>
        headers?.FirstOrDefault(h => string.Equals(h.Key, "Last-Event-ID", StringComparison.OrdinalIgnoreCase)).Value?.Single();

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the stream is read");
            await Task.Delay(20);
        }
    }
}
