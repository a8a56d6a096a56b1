using System.Text.Json;

namespace LicenceApplications.Tests;

/// <summary>Issue 13: information requests, withdrawal, appeals with four eyes, review deadlines, and the status events of each.</summary>
public sealed class ReviewWorkflowTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    private HttpClient Regulator2 => app.ClientFor("regulator-2", "regulator");

    /// <summary>A paid PHARMACY application (under review) with its required documents.</summary>
    private async Task<(Guid Id, HttpClient Owner)> UnderReviewAsync(string owner, bool withDocuments = true)
    {
        var company = await app.RegisterCompanyAsync(owner);
        var client = app.Business(owner);
        var id = await client.SubmitIdAsync(company, "PHARMACY");
        (await app.PayAsync(id)).GetProperty("status").GetString().Should().Be("UnderReview");
        if (withDocuments)
        {
            await client.UploadRequiredAsync(id, DocumentSteps.PharmacyDocuments);
        }

        return (id, client);
    }

    private async Task<List<JsonElement>> StatusEventsAsync(Guid id) =>
        [.. (await app.OutboxAsync("application-status-changed")).Where(e => e.GetProperty("applicationId").GetGuid() == id)];

    private static Task<HttpResponseMessage> DecideAsync(HttpClient regulator, Guid id, bool approve, string? reason = null) =>
        regulator.PostAsJsonAsync($"/api/applications/{id}/decision", new { approve, reason });

    [Fact]
    public async Task A_question_stops_the_review_clock_and_the_answer_with_documents_restarts_it()
    {
        var (id, owner) = await UnderReviewAsync("rev-a");
        var dueAt = (await owner.GetJsonAsync($"/api/applications/{id}")).GetProperty("reviewDueAt").GetDateTimeOffset();
        dueAt.Should().BeCloseTo(app.Clock.GetUtcNow().AddDays(30), TimeSpan.FromMinutes(1));

        var asked = await app.Regulator().PostAsJsonAsync($"/api/applications/{id}/information-requests", new { message = "Which pharmacist?" });
        (await asked.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("InformationRequested");
        await (await DecideAsync(app.Regulator(), id, true)).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        app.Clock.Advance(TimeSpan.FromDays(7));

        var document = await owner.UploadOkAsync(id, "other");
        await (await owner.PostAsJsonAsync($"/api/applications/{id}/information-responses", new { message = "Dr. A", documentIds = new[] { Guid.NewGuid() } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await app.Business("rev-stranger").PostAsJsonAsync($"/api/applications/{id}/information-responses", new { message = "me" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        var answered = await owner.PostAsJsonAsync($"/api/applications/{id}/information-responses", new { message = "Dr. A", documentIds = new[] { document } });

        var body = await answered.ReadJsonAsync();
        body.GetProperty("status").GetString().Should().Be("UnderReview");
        body.GetProperty("reviewDueAt").GetDateTimeOffset().Should().BeCloseTo(dueAt.AddDays(7), TimeSpan.FromMilliseconds(1));
        var exchange = body.GetProperty("informationRequests").EnumerateArray().Single();
        exchange.GetProperty("message").GetString().Should().Be("Which pharmacist?");
        exchange.GetProperty("response").GetString().Should().Be("Dr. A");
        exchange.GetProperty("documentIds").EnumerateArray().Select(d => d.GetGuid()).Should().Equal(document);
        await (await owner.PostAsJsonAsync($"/api/applications/{id}/information-responses", new { message = "again" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");

        var events = await StatusEventsAsync(id);
        events.Select(e => e.GetProperty("status").GetString()).Should().Equal("UnderReview", "InformationRequested", "UnderReview");
        events[1].GetProperty("message").GetString().Should().Be("Which pharmacist?");
        events[1].GetProperty("changedBy").GetString().Should().Be("regulator-1");
        events[2].GetProperty("changedBy").GetString().Should().Be("rev-a");
        events.Select(e => e.GetProperty("version").GetInt64()).Should().Equal(2, 3, 4);
    }

    [Fact]
    public async Task Only_a_regulator_asks_only_under_review_and_the_message_is_required()
    {
        var (company, owner) = await app.OwnCompanyAsync("rev-b");
        var unpaid = await owner.SubmitIdAsync(company, "PHARMACY");

        await (await app.Regulator().PostAsJsonAsync($"/api/applications/{unpaid}/information-requests", new { message = "?" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        await (await app.Regulator().PostAsJsonAsync($"/api/applications/{unpaid}/information-requests", new { message = "" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await app.Regulator().PostAsJsonAsync($"/api/applications/{unpaid}/information-requests", new { message = new string('x', 1001) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await owner.PostAsJsonAsync($"/api/applications/{unpaid}/information-requests", new { message = "?" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_owner_withdraws_under_review_or_awaiting_information_but_not_before_payment()
    {
        var (reviewed, owner) = await UnderReviewAsync("rev-c", withDocuments: false);
        var withdrawn = await owner.PostAsync($"/api/applications/{reviewed}/withdraw", null);
        (await withdrawn.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("Withdrawn");
        await (await DecideAsync(app.Regulator(), reviewed, true)).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");

        var (asked, owner2) = await UnderReviewAsync("rev-c2", withDocuments: false);
        (await app.Regulator().PostAsJsonAsync($"/api/applications/{asked}/information-requests", new { message = "?" })).EnsureSuccessStatusCode();
        await (await app.Business("rev-stranger").PostAsync($"/api/applications/{asked}/withdraw", null))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await (await owner2.PostAsync($"/api/applications/{asked}/withdraw", null)).ReadJsonAsync())
            .GetProperty("status").GetString().Should().Be("Withdrawn");
        (await StatusEventsAsync(asked)).Last().GetProperty("changedBy").GetString().Should().Be("rev-c2");

        var (company, owner3) = await app.OwnCompanyAsync("rev-c3");
        var unpaid = await owner3.SubmitIdAsync(company, "PHARMACY");
        await (await owner3.PostAsync($"/api/applications/{unpaid}/withdraw", null)).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        // Withdrawn is settled: the same type may be applied for again.
        (await owner.SubmitAsync((await owner.GetJsonAsync($"/api/applications/{reviewed}")).GetProperty("registrationNumber").GetString()!, "PHARMACY"))
            .StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_appeal_is_decided_by_another_regulator_and_upheld_issues_the_licence()
    {
        var (id, owner) = await UnderReviewAsync("rev-d");
        (await DecideAsync(app.Regulator(), id, false, "premises too small")).StatusCode.Should().Be(HttpStatusCode.OK);

        await (await owner.PostAsJsonAsync($"/api/applications/{id}/appeal", new { grounds = "" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await app.Business("rev-stranger").PostAsJsonAsync($"/api/applications/{id}/appeal", new { grounds = "x" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        var appealed = await owner.PostAsJsonAsync($"/api/applications/{id}/appeal", new { grounds = "The floor plan shows 80 m2" });
        (await appealed.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("UnderAppeal");

        await (await DecideAsync(app.Regulator(), id, true, "ok")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var upheld = await DecideAsync(Regulator2, id, true, "Plan checked: the premises qualify");

        var body = await upheld.ReadJsonAsync();
        body.GetProperty("status").GetString().Should().Be("Issued");
        body.GetProperty("licenceNumber").GetString().Should().StartWith("PHARMACY-");
        var events = await StatusEventsAsync(id);
        events.Select(e => e.GetProperty("status").GetString()).Should().Equal("UnderReview", "Rejected", "UnderAppeal", "Issued");
        events[1].GetProperty("message").GetString().Should().Be("premises too small");
        events[1].GetProperty("changedBy").GetString().Should().Be("regulator-1");
        events[2].GetProperty("message").GetString().Should().Be("The floor plan shows 80 m2");
        events[3].GetProperty("message").GetString().Should().Be("Plan checked: the premises qualify");
        events[3].GetProperty("changedBy").GetString().Should().Be("regulator-2");
        await (await owner.PostAsJsonAsync($"/api/applications/{id}/appeal", new { grounds = "more" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
    }

    [Fact]
    public async Task A_dismissed_appeal_is_final_and_the_appeal_period_is_thirty_days()
    {
        var (id, owner) = await UnderReviewAsync("rev-e");
        await DecideAsync(app.Regulator(), id, false, "no");
        (await owner.PostAsJsonAsync($"/api/applications/{id}/appeal", new { grounds = "please" })).EnsureSuccessStatusCode();
        await (await DecideAsync(Regulator2, id, false)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");

        var dismissed = await DecideAsync(Regulator2, id, false, "The rejection stands");
        (await dismissed.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("Rejected");
        await (await owner.PostAsJsonAsync($"/api/applications/{id}/appeal", new { grounds = "again" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");

        var (late, lateOwner) = await UnderReviewAsync("rev-e2");
        await DecideAsync(app.Regulator(), late, false, "no");
        app.Clock.Advance(TimeSpan.FromDays(31));
        await (await lateOwner.PostAsJsonAsync($"/api/applications/{late}/appeal", new { grounds = "late" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        (await StatusEventsAsync(id)).Last().GetProperty("message").GetString().Should().Be("The rejection stands");
    }

    [Fact]
    public async Task Approval_needs_every_required_document()
    {
        var (id, owner) = await UnderReviewAsync("rev-f", withDocuments: false);
        await owner.UploadOkAsync(id, "pharmacist-diploma");

        var refused = await DecideAsync(app.Regulator(), id, true);

        await refused.AssertProblemAsync(HttpStatusCode.Conflict, "documents-missing");
        (await owner.GetJsonAsync($"/api/applications/{id}")).GetProperty("status").GetString().Should().Be("UnderReview");
        await owner.UploadOkAsync(id, "premises-floor-plan");
        (await (await DecideAsync(app.Regulator(), id, true)).ReadJsonAsync()).GetProperty("status").GetString().Should().Be("Issued");
    }

    [Fact]
    public async Task Regulators_list_by_review_due_time_and_see_the_overdue()
    {
        var (first, _) = await UnderReviewAsync("rev-g1", withDocuments: false);
        app.Clock.Advance(TimeSpan.FromDays(1));
        var (second, _) = await UnderReviewAsync("rev-g2", withDocuments: false);
        app.Clock.Advance(TimeSpan.FromDays(1));
        var (third, _) = await UnderReviewAsync("rev-g3", withDocuments: false);
        app.Clock.Advance(TimeSpan.FromDays(29.5));
        var regulator = app.Regulator();

        var ids = new List<Guid>();
        var overdue = new Dictionary<Guid, bool>();
        string? cursor = null;
        do
        {
            var page = await regulator.GetJsonAsync($"/api/applications?status=UnderReview&sort=reviewDueAt&limit=1{(cursor is null ? "" : $"&cursor={cursor}")}");
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                ids.Add(item.GetProperty("applicationId").GetGuid());
                overdue[ids[^1]] = item.GetProperty("overdue").GetBoolean();
            }

            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        ids.Where(new[] { first, second, third }.Contains).Should().Equal(first, second, third);
        (overdue[first], overdue[second], overdue[third]).Should().Be((true, true, false));
        var listedOverdue = await regulator.GetJsonAsync("/api/applications?overdue=true&limit=100");
        listedOverdue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("applicationId").GetGuid())
            .Should().Contain([first, second]).And.NotContain(third);
        await (await regulator.GetAsync("/api/applications?sort=fee")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await regulator.GetAsync("/api/applications?overdue=maybe")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await regulator.GetAsync($"/api/applications?sort=reviewDueAt&cursor={first:N}")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Every_transition_is_published_with_who_made_it()
    {
        var (company, owner) = await app.OwnCompanyAsync("rev-h");
        var issued = await owner.SubmitIdAsync(company, "RETAIL-TRADE");
        var cancelled = await owner.SubmitIdAsync(company, "FOOD-SERVICE");
        await app.PayAsync(issued);
        await owner.PostAsync($"/api/applications/{cancelled}/cancel", null);

        var paid = (await StatusEventsAsync(issued)).Single();
        (paid.GetProperty("previousStatus").GetString(), paid.GetProperty("status").GetString(), paid.GetProperty("changedBy").GetString())
            .Should().Be(("AwaitingPayment", "Issued", "system"));
        paid.GetProperty("registrationNumber").GetString().Should().Be(company);
        paid.GetProperty("renewalOf").ValueKind.Should().Be(JsonValueKind.Null);
        var cancel = (await StatusEventsAsync(cancelled)).Single();
        (cancel.GetProperty("status").GetString(), cancel.GetProperty("changedBy").GetString()).Should().Be(("Cancelled", "rev-h"));
    }
}
