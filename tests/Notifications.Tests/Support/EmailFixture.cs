using CompanyRegistry.Contracts;
using LicenceApplications.Contracts;

namespace Notifications.Tests.Support;

/// <summary>The service sending to a <see cref="SmtpReceiver"/> of the test's own, with quick retries.</summary>
public class EmailFixture : ServiceAppFixture<NotificationsApp>
{
    public SmtpReceiver Smtp { get; } = new();

    public Scenario Scenario => field ??= new Scenario(App);

    protected virtual bool SenderEnabled => true;

    protected override IReadOnlyDictionary<string, string?> Settings => SmtpSettings(Smtp.Port, SenderEnabled);

    protected override Task<NotificationsApp> StartAsync(IReadOnlyDictionary<string, string?> settings) => NotificationsApp.StartAsync(settings);

    public static Dictionary<string, string?> SmtpSettings(int port, bool senderEnabled = true) => new()
    {
        ["Email:SenderEnabled"] = senderEnabled ? "true" : "false",
        ["Email:SmtpHost"] = "127.0.0.1",
        ["Email:SmtpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Security"] = "None",
        ["Email:MessageIdDomain"] = "notifications.test",
        ["Email:PollInterval"] = "00:00:00.200",
        ["Email:RetryBaseDelay"] = "00:00:00.100",
        ["Email:RetryMaxDelay"] = "00:00:00.200",
        ["Email:Timeout"] = "00:00:10",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The same, with no sender running: tests drive senders themselves.</summary>
public sealed class QuietEmailFixture : EmailFixture
{
    protected override bool SenderEnabled => false;
}

public static class Mails
{
    public static string NewAddress() => $"office-{Guid.NewGuid():N}"[..18] + "@company.test";

    public static string NewRegistration() => "REG-" + Guid.NewGuid().ToString("N")[..8];

    public static CompanyRegisteredIntegrationEvent Registered(string registrationNumber, string owner, string? email, string? language) =>
        Scenario.Registered(registrationNumber, owner) with { ContactEmail = email, PreferredLanguage = language };

    public static LicenceIssuedIntegrationEvent LicenceIssued(string registrationNumber, string licenceNumber, DateOnly validUntil) =>
        new(licenceNumber, Guid.NewGuid(), registrationNumber, "retail-trade", "Active", DateTimeOffset.UtcNow,
            DateOnly.FromDateTime(DateTime.UtcNow), validUntil, 1);

    public static LicenceStatusChangedIntegrationEvent LicenceStatus(
        string registrationNumber, string licenceNumber, string previous, string status, string? reason, long version) =>
        new(licenceNumber, registrationNumber, "retail-trade", previous, status, reason,
            DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)), version, DateTimeOffset.UtcNow);

    public static CompanyAmendedIntegrationEvent Amended(
        string registrationNumber, string legalName, string? email, string? language, long version, params string[] changedFields) =>
        new(registrationNumber, legalName, ["47.11"], changedFields, email, language, "biz-amend", version, DateTimeOffset.UtcNow);

    public static ApplicationStatusChangedIntegrationEvent ApplicationStatus(
        string registrationNumber, string previous, string status, string? message, Guid? applicationId = null, long version = 2) =>
        new(applicationId ?? Guid.NewGuid(), registrationNumber, "retail-trade", previous, status, message, null, "regulator-1",
            version, DateTimeOffset.UtcNow);

    public static LicenceRenewedIntegrationEvent LicenceRenewed(
        string registrationNumber, string licenceNumber, DateOnly previousValidUntil, DateOnly validUntil, long version) =>
        new(licenceNumber, Guid.NewGuid(), registrationNumber, "retail-trade", "Active", previousValidUntil, validUntil, version,
            DateTimeOffset.UtcNow);

    public static string Text(this ReceivedMail mail) => mail.Message.TextBody ?? "";

    public static string Html(this ReceivedMail mail) => mail.Message.HtmlBody ?? "";
}
