namespace G2B.DaprSidecar.Publishing;

/// <summary>Content-type classes as components-contrib's contenttype package draws them.</summary>
public static class ContentTypes
{
    public const string CloudEventsJson = "application/cloudevents+json";
    public const string DefaultDataContentType = "text/plain";

    private static string MediaType(string? contentType) =>
        (contentType ?? string.Empty).Split(';', 2)[0].Trim().ToLowerInvariant();

    public static bool IsCloudEvent(string? contentType) => MediaType(contentType) == CloudEventsJson;

    public static bool IsJson(string? contentType)
    {
        var media = MediaType(contentType);
        return media is "application/json" or "text/json" || media.EndsWith("+json", StringComparison.Ordinal);
    }

    public static bool IsBinary(string? contentType)
    {
        var media = MediaType(contentType);
        return media is "application/octet-stream" or "application/x-protobuf" or "application/protobuf" or "application/grpc"
            || media.StartsWith("image/", StringComparison.Ordinal)
            || media.StartsWith("audio/", StringComparison.Ordinal)
            || media.StartsWith("video/", StringComparison.Ordinal);
    }
}
