using G2B.DaprSidecar.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace G2B.DaprSidecar.Publishing;

/// <summary>daprd's HTTP publish endpoint: POST|PUT /v1.0/publish/{pubsubname}/{topic}.</summary>
public static class HttpPublishApi
{
    private const string MetadataPrefix = "metadata.";

    public static IEndpointRouteBuilder MapPublishApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/v1.0/publish/{pubsubname}/{**topic}", [HttpMethods.Post, HttpMethods.Put], PublishAsync);
        return app;
    }

    private static async Task<Results<NoContent, JsonHttpResult<ErrorBody>>> PublishAsync(
        string pubsubname, string? topic, HttpRequest request, Publisher publisher, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);

        var metadata = MetadataFromQuery(request);
        var result = await publisher.PublishAsync(
            new PublishRequest(
                pubsubname,
                topic ?? string.Empty,
                body.ToArray(),
                request.ContentType,
                metadata,
                request.Headers["traceparent"].FirstOrDefault(),
                request.Headers["tracestate"].FirstOrDefault()),
            ct);
        if (result.Succeeded)
        {
            return TypedResults.NoContent();
        }

        var (status, code) = PublishErrors.ToHttp(result.Error);
        return TypedResults.Json(new ErrorBody(code, result.Message), SidecarHttpJson.Default.ErrorBody, statusCode: status);
    }

    /// <summary>The <c>metadata.*</c> query parameters, prefix removed.</summary>
    internal static Dictionary<string, string> MetadataFromQuery(HttpRequest request)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            if (key.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase) && key.Length > MetadataPrefix.Length)
            {
                metadata[key[MetadataPrefix.Length..]] = value.ToString();
            }
        }

        return metadata;
    }
}
