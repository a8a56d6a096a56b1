using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Notifications.Api.Feed;

namespace Notifications.Api.Email;

/// <summary>
/// Drains the email outbox one mail at a time per replica: claim with a lease, send over SMTP,
/// record. One at a time means a mail is recorded Sent before the next is begun, so a crash
/// mid-conversation leaves only the mail in hand unsent (the server had not answered its DATA,
/// so it was not accepted); it is sent again, with the same Message-ID, when the lease ends.
/// <para>
/// The SMTP connection is kept from one mail to the next (a connection, its greeting, EHLO, TLS and login cost
/// more than the mail itself) and closed once the outbox has stayed empty for a whole idle wait. A kept
/// connection the server has closed meanwhile is found out by the next mail, which is then sent once more over a
/// new connection: as after a crash, the server had not accepted it.
/// </para>
/// </summary>
internal sealed class EmailSender(
    IServiceScopeFactory scopes, FeedSignal signal, IOptionsMonitor<EmailOptions> options, TimeProvider time, ILogger<EmailSender> logger)
    : BackgroundService
{
    // Used by one mail at a time (this sender sends one at a time); null or disconnected when there is none.
    private SmtpClient? _smtp;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = new IdleBackoff();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.Mail.Next;
            var sent = false;
            DateTimeOffset? nextDue = null;
            try
            {
                sent = await SendNextAsync(stoppingToken);
                if (!sent)
                {
                    nextDue = await NextDueAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The email outbox could not be read; retrying");
            }

            if (!sent)
            {
                var woken = await Task.WhenAny(wake, Task.Delay(options.CurrentValue.IdleWait(idle, time.GetUtcNow(), nextDue), stoppingToken));
                if (woken != wake)
                {
                    // A whole wait without a mail queued: no connection is held open for nothing.
                    await CloseConnectionAsync();
                }
            }
            else
            {
                idle.Reset();
            }
        }
    }

    // When the earliest pending mail falls due: its next attempt, or the end of an abandoned lease.
    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var due = await db.Database.SqlQueryRaw<DateTimeOffset?>(
            """
            SELECT min(greatest(next_attempt_at, coalesce(locked_until, next_attempt_at))) AS "Value"
            FROM email_messages WHERE status = 'Pending'
            """).ToListAsync(ct);
        return due.SingleOrDefault();
    }

    /// <summary>Claims and sends one due mail; false when none is due.</summary>
    internal async Task<bool> SendNextAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = time.GetUtcNow();
        // Lease long enough for a whole SMTP conversation; only a crash lets it run out. The claim returns the
        // mail itself (tracked, as a query would give it): one round trip, not a claim and then a read.
        var claimed = await db.EmailMessages.FromSqlRaw(
            """
            UPDATE email_messages SET locked_until = {1}
            WHERE id = (SELECT id FROM email_messages
                        WHERE status = 'Pending' AND next_attempt_at <= {0} AND (locked_until IS NULL OR locked_until < {0})
                        ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING *
            """, now, now + settings.Timeout * 2).ToListAsync(ct);
        if (claimed.Count == 0)
        {
            return false;
        }

        var mail = claimed[0];
        var error = await SendAsync(mail, settings, ct);
        var done = time.GetUtcNow();
        mail.Attempts++;
        mail.LockedUntil = null;
        if (error is null)
        {
            mail.Status = EmailStatus.Sent;
            mail.SentAt = done;
            mail.LastError = null;
        }
        else
        {
            mail.LastError = error.Message.Length > 1000 ? error.Message[..1000] : error.Message;
            var permanent = error.Permanent || done - mail.CreatedAt >= settings.RetryWindow;
            mail.Status = permanent ? EmailStatus.Failed : EmailStatus.Pending;
            mail.NextAttemptAt = done + settings.Backoff(mail.Attempts);
            logger.LogWarning("Email {MessageId} attempt {Attempt} failed: {Error}", mail.MessageId, mail.Attempts, mail.LastError);
        }

        // Not cancellable: the server has answered, so what it said is recorded even at shutdown.
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    private sealed record SendError(string Message, bool Permanent);

    /// <summary>Closes the kept connection politely (QUIT); a connection already lost is just let go.</summary>
    internal async Task CloseConnectionAsync()
    {
        if (Interlocked.Exchange(ref _smtp, null) is not { } client)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(true, quit.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SmtpProtocolException or OperationCanceledException
                                   or System.Net.Sockets.SocketException or ServiceNotConnectedException)
        {
            // Going away anyway.
        }
        finally
        {
            client.Dispose();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await CloseConnectionAsync();
    }

    public override void Dispose()
    {
        Interlocked.Exchange(ref _smtp, null)?.Dispose();
        base.Dispose();
    }

    private async Task<SendError?> SendAsync(EmailMessage mail, EmailOptions settings, CancellationToken ct)
    {
        var message = new MimeMessage { MessageId = mail.MessageId, Subject = mail.Subject, Date = mail.CreatedAt };
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(MailboxAddress.Parse(mail.Recipient));
        message.Headers.Add("Auto-Submitted", "auto-generated"); // RFC 3834: no auto-replies to it
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        // A Content-* header belongs to the body entity (MimeKit keeps it there).
        message.Body.Headers.Add(HeaderId.ContentLanguage, mail.Language);

        // A kept connection may have been closed by the server since the last mail (its idle timeout): then this mail
        // goes once more over a new one. A failure on a new connection is the mail's own.
        var kept = _smtp is { IsConnected: true };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var client = await ConnectedAsync(settings, ct);
                await client.SendAsync(message, ct);
                return null;
            }
            catch (SmtpCommandException ex)
            {
                await CloseConnectionAsync(); // whatever state the refusal left the conversation in, the next mail starts anew
                // A 5xx refusal of the address will not change on retry; anything else may.
                var permanent = (int)ex.StatusCode >= 500 && ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted;
                return new SendError($"{(int)ex.StatusCode} {ex.Message}", permanent);
            }
            catch (Exception ex) when (ex is SmtpProtocolException or IOException or System.Net.Sockets.SocketException
                                       or TimeoutException or SslHandshakeException or AuthenticationException or ServiceNotConnectedException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                await CloseConnectionAsync();
                if (kept && attempt == 1 && ex is not (TimeoutException or OperationCanceledException))
                {
                    continue;
                }

                return new SendError(ex.Message, Permanent: false);
            }
        }
    }

    private async Task<SmtpClient> ConnectedAsync(EmailOptions settings, CancellationToken ct)
    {
        if (_smtp is { IsConnected: true } open)
        {
            return open;
        }

        await CloseConnectionAsync();
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, Enum.Parse<SecureSocketOptions>(settings.Security, true), ct);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", ct);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _smtp = client;
        return client;
    }
}
