using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Notifications.Api.Email;

namespace Notifications.Api.Webhooks;

/// <summary>One attempt of one claimed message: sign, send, record, decide what happens next.</summary>
internal sealed class WebhookAttemptRunner(
    NotificationsDbContext db, IHttpClientFactory http, IOptionsMonitor<WebhookOptions> options, TimeProvider time,
    EmailQueue mail, Feed.FeedSignal signal, ILogger<WebhookAttemptRunner> logger)
{
    public async Task RunAsync(Guid deliveryId, CancellationToken ct)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
        var endpoint = delivery is null ? null : await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, ct);
        if (delivery is null || endpoint is null || delivery.Status != DeliveryStatus.Pending || endpoint.DisabledAt is not null)
        {
            return; // deleted, done or disabled meanwhile
        }

        var settings = options.CurrentValue;
        var started = time.GetUtcNow();
        var (status, error, elapsed) = await SendAsync(endpoint, delivery, started, settings, ct);
        var now = time.GetUtcNow();
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id, AttemptedAt = started, StatusCode = status,
            DurationMs = (int)elapsed.TotalMilliseconds, Error = error,
        });
        delivery.Attempts++;
        delivery.LockedUntil = null;

        if (status is >= 200 and < 300)
        {
            delivery.Status = DeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            endpoint.FailingSince = null;
        }
        else if (status == (int)HttpStatusCode.Gone)
        {
            // The receiver says it is gone for good: stop sending to it at all.
            delivery.Status = DeliveryStatus.Failed;
            Disable(endpoint, now, "The receiver answered 410 Gone.");
        }
        else
        {
            endpoint.FailingSince ??= now;
            if (now - delivery.CreatedAt >= settings.RetryWindow)
            {
                delivery.Status = DeliveryStatus.Failed;
            }
            else
            {
                delivery.NextAttemptAt = now + settings.Backoff(delivery.Attempts);
            }

            if (now - endpoint.FailingSince >= settings.DisableAfter)
            {
                Disable(endpoint, now, $"Failing since {endpoint.FailingSince:O}.");
            }
        }

        if (endpoint.DisabledAt == now)
        {
            // The owner's mail is queued with the disabling, atomically: both or neither.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await mail.ToOwnerAsync(
                    $"webhook-disabled:{endpoint.Id}:{now:O}", "webhook-disabled", "webhook-disabled", endpoint.OwnerSubject,
                    new Dictionary<string, string> { ["url"] = endpoint.Url, ["reason"] = endpoint.DisabledReason ?? "" }, ct);
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
                await transaction.CommitAsync(ct);
            });
            db.ChangeTracker.AcceptAllChanges();
            signal.Mail.Pulse(); // the owner's mail is waiting
            return;
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<(int? Status, string? Error, TimeSpan Elapsed)> SendAsync(
        WebhookEndpoint endpoint, WebhookDelivery delivery, DateTimeOffset timestamp, WebhookOptions settings, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && !(settings.AllowHttp && uri.Scheme == Uri.UriSchemeHttp)))
        {
            return (null, "Refused: the URL's scheme is not allowed.", clock.Elapsed);
        }

        var secrets = new List<string> { endpoint.Secret };
        if (endpoint.PreviousSecret is not null && endpoint.PreviousSecretExpiresAt > timestamp)
        {
            secrets.Add(endpoint.PreviousSecret);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSecrets.Sign(delivery.MessageId, timestamp, delivery.Payload, secrets));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await http.CreateClient(WebhookOptions.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, null, clock.Elapsed);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"Timed out after {settings.Timeout.TotalSeconds:0.#} s.", clock.Elapsed);
        }
        catch (HttpRequestException ex)
        {
            var refused = ex as SsrfRefusedException ?? ex.InnerException as SsrfRefusedException;
            return (null, refused is null ? $"Request failed: {ex.Message}" : $"Refused: {refused.Message}", clock.Elapsed);
        }
    }

    private void Disable(WebhookEndpoint endpoint, DateTimeOffset now, string reason)
    {
        endpoint.DisabledAt ??= now;
        endpoint.DisabledReason ??= reason;
        logger.LogWarning("Webhook endpoint {EndpointId} disabled: {Reason}", endpoint.Id, reason);
    }
}
