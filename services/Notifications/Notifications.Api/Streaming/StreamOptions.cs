namespace Notifications.Api.Streaming;

/// <summary>Configuration section <c>Stream</c>.</summary>
public sealed class StreamOptions
{
    public const string SectionName = "Stream";

    /// <summary>A comment line this often keeps proxies and clients from calling the stream idle.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    public int BatchSize { get; set; } = 100;
}
