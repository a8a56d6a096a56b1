using Microsoft.EntityFrameworkCore;
using Notifications.Api.Domain;

namespace Notifications.Tests;

/// <summary>
/// The mails of an application's and a licence's later life (rejected, information requested, decided on
/// appeal, surrendered) and of an amended company, received by a real SMTP listener.
/// </summary>
public sealed class LifecycleEmailTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    private const string Rejection = "Premises <too small>";
    private const string Question = "Send the lease & floor plan";
    private const string Upheld = "Inspection passed";
    private const string Dismissed = "Still too small";
    private const string Surrender = "Closing the shop";

    private Scenario Scenario => fixture.Scenario;

    private SmtpReceiver Smtp => fixture.Smtp;

    /// <summary>Per language: each mail's subject and the line that carries the event's message.</summary>
    public static TheoryData<string, string[][]> Languages => new()
    {
        { "en", [
            ["Your licence application has been rejected (retail-trade)", $"Reason: {Rejection}"],
            ["More information is needed for your licence application (retail-trade)", $"Question: {Question}"],
            ["Your appeal has been upheld: the retail-trade licence is issued", $"Decision: {Upheld}"],
            ["Your appeal has been rejected (retail-trade)", $"Reason: {Dismissed}"],
            ["Licence LIC-SUR-en has been surrendered", $"Reason: {Surrender}"]] },
        { "tk", [
            ["Ygtyýarnama arzaňyz ret edildi (retail-trade)", $"Sebäbi: {Rejection}"],
            ["Arzaňyz üçin goşmaça maglumat gerek (retail-trade)", $"Sorag: {Question}"],
            ["Şikaýatyňyz kanagatlandyryldy: «retail-trade» ygtyýarnamasy berildi", $"Karar: {Upheld}"],
            ["Şikaýatyňyz ret edildi (retail-trade)", $"Sebäbi: {Dismissed}"],
            ["LIC-SUR-tk belgili ygtyýarnamadan ýüz öwrüldi", $"Sebäbi: {Surrender}"]] },
        { "ru", [
            ["Заявление на лицензию отклонено (retail-trade)", $"Причина: {Rejection}"],
            ["Для рассмотрения заявления нужны дополнительные сведения (retail-trade)", $"Вопрос: {Question}"],
            ["Жалоба удовлетворена: лицензия «retail-trade» выдана", $"Решение: {Upheld}"],
            ["Жалоба отклонена (retail-trade)", $"Причина: {Dismissed}"],
            ["Действие лицензии LIC-SUR-ru прекращено в связи с отказом от неё", $"Причина: {Surrender}"]] },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Rejection_question_appeal_decisions_and_surrender_are_mailed_in_the_companys_language_as_text_and_HTML(
        string language, string[][] expected)
    {
        var (address, company) = (Mails.NewAddress(), Mails.NewRegistration());
        await Scenario.DeliverAsync(Mails.Registered(company, "biz-life-" + language, address, language) with { LegalName = "Ak Ýol LLC" });
        await DeliverLifecycleAsync(company, $"LIC-SUR-{language}");
        // Changes nobody is mailed about: a review starting, an appeal lodged, a renewal.
        await Scenario.DeliverAsync(Mails.ApplicationStatus(company, "Submitted", "UnderReview", null));
        await Scenario.DeliverAsync(Mails.ApplicationStatus(company, "UnderReview", "UnderAppeal", "We disagree"));
        await Scenario.DeliverAsync(Mails.LicenceRenewed(company, "LIC-REN-1", new DateOnly(2031, 1, 31), new DateOnly(2032, 1, 31), 2));

        await Eventually.HoldsAsync(() => Smtp.To(address).Count >= expected.Length, "every mail of the company arrives");
        await Eventually.HoldsAsync(async () => await Scenario.QueryAsync(db =>
            db.EmailMessages.Where(m => m.RegistrationNumber == company).AllAsync(m => m.Status == EmailStatus.Sent)), "every send is recorded");
        var mails = Smtp.To(address);
        mails.Select(m => m.Message.Subject).Should().BeEquivalentTo(expected.Select(e => e[0]), "one mail per mailed event, no other");
        foreach (var (subject, line) in expected.Select(e => (e[0], e[1])))
        {
            var mail = mails.Single(m => m.Message.Subject == subject);
            mail.Text().Should().Contain(line).And.Contain($"Ak Ýol LLC ({company})", "the mail names the company");
            var value = line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..];
            mail.Html().Should().Contain($"<html lang=\"{language}\">")
                .And.Contain($"<strong>{System.Net.WebUtility.HtmlEncode(value)}</strong>")
                .And.NotContain("<too small>", "a value never becomes markup");
            mail.Message.Body!.Headers["Content-Language"].Should().Be(language);
        }

        var kinds = await Scenario.QueryAsync(db => db.EmailMessages.Where(m => m.RegistrationNumber == company).Select(m => m.Kind).ToListAsync());
        kinds.Should().BeEquivalentTo(["application-rejected", "information-requested", "appeal-issued", "appeal-rejected", "licence-surrendered"]);
    }

    [Fact]
    public async Task Each_new_event_redelivered_and_raced_becomes_one_mail()
    {
        var (address, company) = (Mails.NewAddress(), Mails.NewRegistration());
        await Scenario.DeliverAsync(Mails.Registered(company, "biz-life-dup", address, "en"));
        var events = await DeliverLifecycleAsync(company, "LIC-SUR-DUP");

        // Each event again: four at once, then once more, as Dapr redelivers after a lost acknowledgement.
        foreach (var again in events)
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => again()));
            await again();
        }

        await Eventually.HoldsAsync(async () => await Scenario.QueryAsync(db =>
            db.EmailMessages.Where(m => m.RegistrationNumber == company).AllAsync(m => m.Status == EmailStatus.Sent)), "the outbox rows are done");
        var mails = Smtp.To(address);
        mails.Should().HaveCount(5, "five events are five mails however often they arrive");
        mails.Select(m => m.MessageId).Should().OnlyHaveUniqueItems();
        (await Scenario.QueryAsync(db => db.EmailMessages.CountAsync(m => m.RegistrationNumber == company))).Should().Be(5);
    }

    [Fact]
    public async Task Amendments_keep_the_address_language_and_name_current_whatever_their_order()
    {
        var (first, current, stale, company) = (Mails.NewAddress(), Mails.NewAddress(), Mails.NewAddress(), Mails.NewRegistration());
        await Scenario.DeliverAsync(Mails.Registered(company, "biz-amend", first, "en") with { LegalName = "Old Name LLC" });
        await Scenario.DeliverAsync(Mails.Amended(company, "New Name LLC", current, "ru", 5, "legalName", "contactEmail", "preferredLanguage"));
        // An older amendment overtaken on the way: it changes nothing.
        await Scenario.DeliverAsync(Mails.Amended(company, "Stale Name LLC", stale, "tk", 3, "contactEmail"));

        await Scenario.DeliverAsync(Mails.ApplicationStatus(company, "UnderReview", "Rejected", "No premises"));

        await Eventually.HoldsAsync(() => Smtp.To(current).Count > 0, "the rejection reaches the current address");
        var mail = Smtp.To(current).Single();
        mail.Message.Subject.Should().Be("Заявление на лицензию отклонено (retail-trade)");
        mail.Text().Should().Contain($"New Name LLC ({company})").And.Contain("Причина: No premises");
        Smtp.To(first).Should().BeEmpty();
        Smtp.To(stale).Should().BeEmpty();

        // The feed says what changed, never the new address or who changed it.
        var client = fixture.App.Business("biz-amend");
        var amended = (await Scenario.FeedAsync(client, "?types=company.amended&limit=200")).Items
            .Where(i => i.RegistrationNumber == company).ToList();
        amended.Should().HaveCount(2);
        amended[0].Data.GetProperty("legalName").GetString().Should().Be("New Name LLC");
        amended[0].Data.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString())
            .Should().Equal("legalName", "contactEmail", "preferredLanguage");
        amended[0].Data.GetRawText().Should().NotContain(current).And.NotContain("biz-amend");
    }

    [Fact]
    public async Task An_amendment_that_overtakes_the_registration_is_kept()
    {
        var (registered, amended, company) = (Mails.NewAddress(), Mails.NewAddress(), Mails.NewRegistration());
        await Scenario.DeliverAsync(Mails.Amended(company, "Early Name LLC", amended, "tk", 2, "contactEmail"));
        await Scenario.DeliverAsync(Mails.Registered(company, "biz-early", registered, "en"));

        await Scenario.DeliverAsync(Mails.LicenceStatus(company, "LIC-EARLY-1", "Active", "Surrendered", null, 2));

        await Eventually.HoldsAsync(() => Smtp.To(amended).Count > 0, "the amended address is the current one");
        Smtp.To(amended).Single().Message.Subject.Should().Be("LIC-EARLY-1 belgili ygtyýarnamadan ýüz öwrüldi");
        Smtp.To(amended).Single().Text().Should().Contain($"Early Name LLC ({company})").And.Contain("Sebäbi: —");
        Smtp.To(registered).Should().BeEmpty();
    }

    /// <summary>The five mailed events of one company; returns a redelivery of each.</summary>
    private async Task<List<Func<Task>>> DeliverLifecycleAsync(string company, string licenceNumber)
    {
        var rejected = Mails.ApplicationStatus(company, "UnderReview", "Rejected", Rejection);
        var asked = Mails.ApplicationStatus(company, "UnderReview", "InformationRequested", Question);
        var upheld = Mails.ApplicationStatus(company, "UnderAppeal", "Issued", Upheld);
        var dismissed = Mails.ApplicationStatus(company, "UnderAppeal", "Rejected", Dismissed);
        var surrendered = Mails.LicenceStatus(company, licenceNumber, "Active", "Surrendered", Surrender, 2);
        List<Func<Task>> deliveries =
        [
            () => Scenario.DeliverAsync(rejected), () => Scenario.DeliverAsync(asked), () => Scenario.DeliverAsync(upheld),
            () => Scenario.DeliverAsync(dismissed), () => Scenario.DeliverAsync(surrendered),
        ];
        foreach (var deliver in deliveries)
        {
            await deliver();
        }

        return deliveries;
    }
}
