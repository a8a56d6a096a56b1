namespace Notifications.Api.Email;

/// <summary>Configuration section <c>Email</c>: the SMTP server, the sender, retries and reminders.</summary>
public sealed class EmailOptions : RetryingSenderOptions
{
    public const string SectionName = "Email";

    public EmailOptions()
    {
        Timeout = TimeSpan.FromSeconds(30);
        RetryBaseDelay = TimeSpan.FromSeconds(30);
        RetryMaxDelay = TimeSpan.FromHours(1);
        RetryWindow = TimeSpan.FromDays(2);
        PollInterval = TimeSpan.FromSeconds(5);
    }

    public string SmtpHost { get; set; } = "127.0.0.1";

    public int SmtpPort { get; set; } = 25;

    /// <summary>MailKit's <c>SecureSocketOptions</c> name: None (smtp4dev, tests), StartTls, SslOnConnect, Auto.</summary>
    public string Security { get; set; } = "StartTls";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "no-reply@g2b.example";

    public string FromName { get; set; } = "G2B Licensing";

    /// <summary>The right-hand side of every Message-ID (<c>&lt;id@domain&gt;</c>).</summary>
    public string MessageIdDomain { get; set; } = "notifications.g2b.example";

    /// <summary>How often the expiry-reminder job looks for licences nearing their end.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Days before validUntil at which a reminder goes out, once each.</summary>
    public int[] ReminderDays { get; set; } = [30, 7];
}
