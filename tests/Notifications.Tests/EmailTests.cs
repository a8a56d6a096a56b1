using Microsoft.EntityFrameworkCore;
using Notifications.Api.Domain;

namespace Notifications.Tests;

/// <summary>Mails received by a real SMTP listener: the right language, content and Message-ID.</summary>
public sealed class EmailTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    private Scenario Scenario => fixture.Scenario;

    private SmtpReceiver Smtp => fixture.Smtp;

    private async Task<ReceivedMail> MailToAsync(string address, string because)
    {
        await Eventually.HoldsAsync(() => Smtp.To(address).Count > 0, because);
        return Smtp.To(address).Single();
    }

    [Fact]
    public async Task Awaiting_payment_is_mailed_in_Russian_with_the_reference_amount_and_due_date_as_text_and_HTML()
    {
        var (owner, address, company) = ("biz-ru", Mails.NewAddress(), Mails.NewRegistration());
        await Scenario.DeliverAsync(Mails.Registered(company, owner, address, "ru"));
        var submitted = Scenario.Submitted(company, owner);
        await Scenario.DeliverAsync(submitted);
        var invoice = Scenario.InvoiceIssued(submitted.ApplicationId) with { DueAt = new DateTimeOffset(2031, 3, 14, 9, 30, 0, TimeSpan.Zero) };
        await Scenario.DeliverAsync(invoice);

        var mail = await MailToAsync(address, "the owner is told the application awaits payment");
        mail.Message.Subject.Should().Be($"Заявление на лицензию ожидает оплаты (код платежа {invoice.PaymentReference})");
        mail.Text().Should().Contain($"Код платежа: {invoice.PaymentReference}").And.Contain("Сумма: 150.00 TMT")
            .And.Contain("Оплатить до: 2031-03-14 09:30 UTC").And.Contain(company);
        mail.Html().Should().Contain("<html lang=\"ru\">").And.Contain($"<strong>{invoice.PaymentReference}</strong>").And.Contain("150.00 TMT");
        mail.Message.Body!.Headers["Content-Language"].Should().Be("ru", "MimeKit keeps Content-* headers with the body");
        mail.MessageId.Should().EndWith("@notifications.test");
        mail.Message.From.Mailboxes.Single().Address.Should().Be("no-reply@g2b.example");
    }

    [Fact]
    public async Task Licence_issued_is_mailed_in_Turkmen_and_a_revocation_in_English()
    {
        var (tkAddress, tkCompany) = (Mails.NewAddress(), Mails.NewRegistration());
        var (enAddress, enCompany) = (Mails.NewAddress(), Mails.NewRegistration());
        await Scenario.DeliverAsync(Mails.Registered(tkCompany, "biz-tk", tkAddress, "tk"));
        await Scenario.DeliverAsync(Mails.Registered(enCompany, "biz-en", enAddress, null));
        await Scenario.DeliverAsync(Mails.LicenceIssued(tkCompany, "LIC-TK-1", new DateOnly(2031, 1, 31)));
        await Scenario.DeliverAsync(Mails.LicenceStatus(enCompany, "LIC-EN-1", "Active", "Revoked", "Repeated <b>breaches</b>", 2));

        var issued = await MailToAsync(tkAddress, "the Turkmen company hears of its licence");
        issued.Message.Subject.Should().Be("LIC-TK-1 belgili ygtyýarnama berildi");
        issued.Text().Should().Contain("Ygtyýarnamanyň belgisi: LIC-TK-1").And.Contain("2031-01-31 senesine çenli");

        var revoked = await MailToAsync(enAddress, "the English company hears of the revocation");
        revoked.Message.Subject.Should().Be("Licence LIC-EN-1 has been revoked");
        revoked.Text().Should().Contain("Reason: Repeated <b>breaches</b>");
        revoked.Html().Should().Contain("Repeated &lt;b&gt;breaches&lt;/b&gt;").And.NotContain("<b>breaches");
    }

    [Fact]
    public async Task A_suspension_is_mailed_but_a_reinstatement_and_other_events_are_not()
    {
        var (address, company) = (Mails.NewAddress(), Mails.NewRegistration());
        await Scenario.DeliverAsync(Mails.Registered(company, "biz-susp", address, "en"));
        await Scenario.DeliverAsync(Mails.LicenceStatus(company, "LIC-S-1", "Active", "Suspended", "audit", 2));
        await Scenario.DeliverAsync(Mails.LicenceStatus(company, "LIC-S-1", "Suspended", "Active", null, 3));
        await Scenario.DeliverAsync(Scenario.Suspended(company));

        var mail = await MailToAsync(address, "the suspension is mailed");
        mail.Message.Subject.Should().Be("Licence LIC-S-1 has been suspended");
        var rows = await Scenario.QueryAsync(db => db.EmailMessages.Where(m => m.RegistrationNumber == company).ToListAsync());
        rows.Select(r => r.Kind).Should().Equal("licence-suspended");
    }

    [Fact]
    public async Task A_company_without_a_contact_email_gets_no_mail()
    {
        var company = Mails.NewRegistration();
        await Scenario.DeliverAsync(Mails.Registered(company, "biz-none", null, "ru"));
        await Scenario.DeliverAsync(Mails.LicenceIssued(company, "LIC-N-1", new DateOnly(2031, 1, 31)));

        (await Scenario.QueryAsync(db => db.EmailMessages.CountAsync(m => m.RegistrationNumber == company))).Should().Be(0);
        (await Scenario.QueryAsync(db => db.FeedItems.CountAsync(f => f.RegistrationNumber == company))).Should().Be(2);
    }

    [Fact]
    public async Task One_event_redelivered_and_raced_becomes_one_mail()
    {
        var (address, company) = (Mails.NewAddress(), Mails.NewRegistration());
        await Scenario.DeliverAsync(Mails.Registered(company, "biz-dup", address, "en"));
        var issued = Mails.LicenceIssued(company, "LIC-D-1", new DateOnly(2031, 1, 31));

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Scenario.DeliverAsync(issued)));
        await Scenario.DeliverAsync(issued);

        await MailToAsync(address, "the licence mail arrives");
        await Eventually.HoldsAsync(async () => await Scenario.QueryAsync(db =>
            db.EmailMessages.AllAsync(m => m.RegistrationNumber != company || m.Status == EmailStatus.Sent)), "the outbox row is done");
        Smtp.To(address).Should().ContainSingle("seven deliveries of one CloudEvent are one event");
    }

    [Fact]
    public async Task The_owner_is_mailed_when_a_webhook_endpoint_is_disabled()
    {
        using var receiver = WireMock.Server.WireMockServer.Start();
        receiver.Given(WireMock.RequestBuilders.Request.Create().UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(410));
        var (owner, address, company) = ("biz-hook-" + Guid.NewGuid().ToString("N")[..6], Mails.NewAddress(), Mails.NewRegistration());
        await Scenario.DeliverAsync(Mails.Registered(company, owner, address, "tk"));
        var client = fixture.App.Business(owner);
        await Webhooks.CreateAsync(client, receiver.Url!);
        await Scenario.DeliverAsync(Scenario.Suspended(company));

        var mail = await MailToAsync(address, "the owner hears that the endpoint was disabled");
        mail.Message.Subject.Should().Be($"Webhook salgysy öçürildi: {receiver.Url}");
        mail.Text().Should().Contain("Sebäbi: The receiver answered 410 Gone.");
    }

    [Fact]
    public async Task A_failing_SMTP_server_is_retried_with_the_same_Message_ID()
    {
        var (address, company) = (Mails.NewAddress(), Mails.NewRegistration());
        await Scenario.DeliverAsync(Mails.Registered(company, "biz-retry", address, "en"));
        Smtp.FailNext(2);
        await Scenario.DeliverAsync(Mails.LicenceIssued(company, "LIC-R-1", new DateOnly(2031, 1, 31)));

        var mail = await MailToAsync(address, "the third attempt is accepted");
        Smtp.DataSeen.Count(id => id == mail.MessageId).Should().Be(3, "two refusals, then the accepted one, all the same message");
        // The server has the mail before the sender records the attempt: wait for the record.
        await Eventually.HoldsAsync(async () => await Scenario.QueryAsync(db =>
            db.EmailMessages.AnyAsync(m => m.RegistrationNumber == company && m.Status == EmailStatus.Sent)), "the send is recorded");
        var row = await Scenario.QueryAsync(db => db.EmailMessages.SingleAsync(m => m.RegistrationNumber == company));
        row.Attempts.Should().Be(3);
        row.MessageId.Should().Be(mail.MessageId);
        row.Status.Should().Be(EmailStatus.Sent);
    }
}
