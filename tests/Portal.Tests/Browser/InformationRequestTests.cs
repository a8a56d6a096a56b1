namespace Portal.Tests.Browser;

/// <summary>
/// Questions and documents during a review (issue 13): the regulator's queue by review deadline with the overdue
/// marked, the documents downloaded through the portal, a question instead of a decision; the business answers with a
/// file (after a refused one) and uploads a missing document by its kind. axe on every page.
/// </summary>
public sealed class InformationRequestTests(PortalSuite suite) : BrowserTest(suite)
{
    [Fact]
    public async Task A_regulator_sees_the_overdue_review_first_downloads_its_document_and_asks_a_question_instead_of_approving()
    {
        var owner = await Arrange.TokenAsync(SuiteArrange.Person("business"));
        var company = await Arrange.CompanyAsync(owner, "Altyn Çay");
        var overdue = await Arrange.PaidApplicationAsync(owner, company.RegistrationNumber, "ALCOHOL-RETAIL", "UnderReview");
        var floorPlan = SuiteArrange.Pdf("the floor plan of the shop");
        await Arrange.UploadAsync(owner, overdue.ApplicationId, "premises-floor-plan", floorPlan, "floor-plan.pdf");
        await Arrange.MakeOverdueAsync(overdue.ApplicationId);
        var other = await Arrange.CompanyAsync(owner, "Gök Depe");
        var later = await Arrange.PaidApplicationAsync(owner, other.RegistrationNumber, "ALCOHOL-RETAIL", "UnderReview");

        await using var tab = await Suite.OpenAsync("en");
        var page = tab.Page;
        await tab.SignInAsync(SuiteArrange.Person("Merdan Regulator"), "regulator", "/regulator/reviews");

        // The queue: by review deadline, so the overdue one comes before the one just paid, and says it is overdue.
        var order = await page.Locator("[data-queue] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.application)");
        order.Should().Contain([overdue.ApplicationId.ToString(), later.ApplicationId.ToString()]);
        Array.IndexOf(order, overdue.ApplicationId.ToString()).Should().BeLessThan(Array.IndexOf(order, later.ApplicationId.ToString()));
        var overdueRow = page.Locator($"[data-queue] tr[data-application='{overdue.ApplicationId}']");
        await Assertions.Expect(overdueRow).ToHaveAttributeAsync("data-overdue", "true");
        await Assertions.Expect(overdueRow).ToContainTextAsync(tab.Word("Queue_Overdue"));
        await Assertions.Expect(page.Locator($"[data-queue] tr[data-application='{later.ApplicationId}']")).ToHaveAttributeAsync("data-overdue", "false");
        await tab.ShouldBeAccessibleAsync("the review queue by deadline");
        await tab.ScreenshotAsync("regulator-reviews-due");

        // The application: its document, and the one the type requires that is still missing.
        await overdueRow.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-review-due] [data-overdue]")).ToHaveTextAsync(tab.Word("Queue_Overdue"));
        await Assertions.Expect(page.Locator("[data-required-kind='premises-floor-plan']")).ToHaveAttributeAsync("data-missing", "false");
        await Assertions.Expect(page.Locator("[data-required-kind='tax-clearance-certificate']")).ToHaveAttributeAsync("data-missing", "true");
        var link = page.Locator("[data-document-list] a", new() { HasText = "floor-plan.pdf" });
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        download.Url.Should().StartWith($"{Suite.BaseUrl}/regulator/applications/{overdue.ApplicationId}/documents/",
            "the file comes through the portal, which holds the token; the browser never calls the API");
        download.SuggestedFilename.Should().Be("floor-plan.pdf");
        (await File.ReadAllBytesAsync((await download.PathAsync())!)).Should().Equal(floorPlan);

        // Approving is refused while a required document is missing: the API's reason, in words.
        await page.GetByLabel(tab.Word("Decide_Approve")).CheckAsync();
        await page.Locator("#reason").FillAsync("Everything is in order.");
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Decide_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync(tab.Word("Problem_documents-missing"));
        await tab.ShouldBeAccessibleAsync("the application with its documents and a refused approval");
        await tab.ScreenshotAsync("regulator-application-documents");

        // The third choice: a question. Without its text it is refused next to the field.
        await page.GetByLabel(tab.Word("Decide_Request")).CheckAsync();
        await page.Locator("#reason").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Decide_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator("#reason-error")).ToContainTextAsync(tab.Word("Decide_Error_question"));
        const string question = "Please upload the tax clearance certificate and tell us when the shop opens.";
        await page.Locator("#reason").FillAsync(question);
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Decide_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-done]")).ToHaveTextAsync(tab.Word("Decide_Done_request"));
        await Assertions.Expect(page.Locator("[data-application-status]")).ToHaveTextAsync(tab.Word("Status_InformationRequested"));
        await Assertions.Expect(page.Locator("[data-question] [data-question-text]")).ToHaveTextAsync(question);
        await Assertions.Expect(page.Locator("[data-question]")).ToContainTextAsync(tab.Word("Papers_NotAnswered"));
        await Assertions.Expect(page.Locator("form button[type=submit]", new() { HasText = tab.Word("Decide_Submit") })).ToHaveCountAsync(0);
        await tab.ShouldBeAccessibleAsync("the application waiting for an answer");
        await tab.ScreenshotAsync("regulator-question-asked");

        // The queue lists it among those waiting for the business's answer.
        await page.GotoAsync("/regulator/reviews");
        await Assertions.Expect(page.Locator($"[data-list='awaiting-answer'] tr[data-application='{overdue.ApplicationId}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"[data-queue] tr[data-application='{overdue.ApplicationId}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_business_answers_the_question_with_a_file_after_refused_ones_and_uploads_the_missing_document_by_kind()
    {
        var (name, owner, company) = await Arrange.BusinessWithCompanyAsync("Ayna Orazova", "Ak Öý");
        var application = await Arrange.PaidApplicationAsync(owner, company.RegistrationNumber, "ALCOHOL-RETAIL", "UnderReview");
        var id = application.ApplicationId;
        await Arrange.UploadAsync(owner, id, "premises-floor-plan", SuiteArrange.Pdf("floor plan"), "plan.pdf");
        const string question = "Пришлите, пожалуйста, договор аренды помещения.";
        await Arrange.RegulatorPostsAsync($"/api/applications/{id}/information-requests", new { message = question });
        await Arrange.StatusAsync(owner, id, "InformationRequested");

        // In Russian: the application shows the question and the way to answer it.
        await using var tab = await Suite.OpenAsync("ru");
        var page = tab.Page;
        await tab.SignInAsync(name, returnUrl: $"/applications/{id}");
        await Assertions.Expect(page.Locator("[data-open-question]")).ToContainTextAsync(question);
        await Assertions.Expect(page.Locator("#application-status .status-line")).ToContainTextAsync(tab.Word("Status_InformationRequested"));
        await tab.ShouldBeAccessibleAsync("the application with a question");
        await tab.ScreenshotAsync("application-question-ru");
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Respond_Start") }).ClickAsync();
        (await tab.H1Async()).Should().Be(tab.Word("Respond_Heading"));

        // Nothing written: refused next to the answer.
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Respond_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator("#message-error")).ToContainTextAsync(tab.Word("Respond_Error_message"));

        // A file that only claims to be a PDF, then one over 10 MB: the API's refusals, in words next to the file field;
        // what was written stays.
        const string answer = "Договор аренды прилагаю. Магазин открывается 1 марта.";
        await page.Locator("#message").FillAsync(answer);
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "lease.pdf", MimeType = "application/pdf", Buffer = "not a PDF at all"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Respond_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator("#file-error")).ToContainTextAsync(tab.Word("Upload_Error_Type"));
        await Assertions.Expect(page.Locator("#message")).ToHaveValueAsync(answer);
        await tab.ShouldBeAccessibleAsync("the answer with a refused file");
        await tab.ScreenshotAsync("respond-refused-file-ru");
        var tooLarge = new byte[(10 * 1024 * 1024) + 1];
        SuiteArrange.Pdf("large").CopyTo(tooLarge, 0);
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "scan.pdf", MimeType = "application/pdf", Buffer = tooLarge });
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Respond_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator("#file-error")).ToContainTextAsync(tab.Word("Upload_Error_TooLarge"));
        await Assertions.Expect(page.Locator("#message")).ToHaveValueAsync(answer);

        // A real PDF: the answer goes with it, and the application is back under review.
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "lease.pdf", MimeType = "application/pdf", Buffer = SuiteArrange.Pdf("lease") });
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Respond_Submit") }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/applications/{id}");
        await Assertions.Expect(page.Locator("#application-status .status-line")).ToContainTextAsync(tab.Word("Status_UnderReview"));
        await Assertions.Expect(page.Locator("[data-question] [data-answer-text]")).ToHaveTextAsync(answer);
        await Assertions.Expect(page.Locator("[data-question] a", new() { HasText = "lease.pdf" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-open-question]")).ToHaveCountAsync(0);
        await tab.ShouldBeAccessibleAsync("the answered application");
        await tab.ScreenshotAsync("application-answered-ru");

        // The document the type still requires, uploaded by its kind (a PNG scan); without a file first.
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Upload_Start") }).ClickAsync();
        var certificate = page.Locator("form[data-kind='tax-clearance-certificate']");
        await Assertions.Expect(certificate).ToContainTextAsync(tab.Word("Papers_Missing"));
        await certificate.GetByRole(AriaRole.Button, new() { Name = tab.Word("Upload_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator("#file-tax-clearance-certificate-error")).ToContainTextAsync(tab.Word("Upload_Error_NoFile"));
        await tab.ShouldBeAccessibleAsync("the documents page with an error");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        await page.Locator("#file-tax-clearance-certificate").SetInputFilesAsync(new FilePayload { Name = "справка.png", MimeType = "image/png", Buffer = png });
        await certificate.GetByRole(AriaRole.Button, new() { Name = tab.Word("Upload_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-received]")).ToContainTextAsync("справка.png");
        await Assertions.Expect(certificate).ToContainTextAsync(tab.Word("Papers_Received"));
        await tab.ShouldBeAccessibleAsync("the documents page");
        await tab.ScreenshotAsync("upload-documents-ru");

        // Nothing is missing now: a regulator can approve, and the licence is issued.
        await Arrange.RegulatorPostsAsync($"/api/applications/{id}/decision", new { approve = true, reason = "All documents received." });
        await page.GotoAsync($"/applications/{id}");
        await Assertions.Expect(page.Locator("#application-status .status-line")).ToContainTextAsync(tab.Word("Status_Issued"));
        await Assertions.Expect(page.Locator("[data-required-kind][data-missing='true']")).ToHaveCountAsync(0);
    }
}
