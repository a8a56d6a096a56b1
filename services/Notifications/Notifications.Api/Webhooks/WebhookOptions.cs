namespace Notifications.Api.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions : RetryingSenderOptions
{
    public const string SectionName = "Webhooks";
    public const string HttpClientName = "webhooks";

    public WebhookOptions()
    {
        Timeout = TimeSpan.FromSeconds(10);
        RetryBaseDelay = TimeSpan.FromSeconds(5);
        RetryMaxDelay = TimeSpan.FromHours(6);
        RetryWindow = TimeSpan.FromDays(3);
        PollInterval = TimeSpan.FromSeconds(2);
    }

    /// <summary>Plain <c>http</c> receivers: Development and tests only.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Receivers on loopback addresses: Development and tests only. Private ranges are never allowed.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>An endpoint that has failed without a success for this long is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long the secret before a rotation keeps signing beside the new one.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Messages in flight to one endpoint at a time: a slow receiver holds only its own slots.</summary>
    public int MaxConcurrencyPerEndpoint { get; set; } = 2;

    /// <summary>Messages claimed per scan, across endpoints.</summary>
    public int BatchSize { get; set; } = 50;
}
