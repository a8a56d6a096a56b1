namespace Notifications.Api.Streaming;

/// <summary>Configuration section <c>Stream</c>.</summary>
public sealed class StreamOptions
{
    public const string SectionName = "Stream";

    /// <summary>A comment line this often keeps proxies and clients from calling the stream idle.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Readers look again this often even without a signal (a safety net for a lost LISTEN).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 100;
}
