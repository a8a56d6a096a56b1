using G2B.ServiceDefaults;
using Microsoft.Net.Http.Headers;

namespace Gateway;

/// <summary>
/// Bodies are UTF-8 by contract. A body declaring another charset is refused here with a 415
/// problem, because the services' JSON readers throw on unknown encodings (a 500 otherwise).
/// </summary>
public sealed class CharsetGuardMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            && mediaType.Charset.HasValue
            && !mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !mediaType.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            await Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type",
                    "The request content type is not supported.", "Request bodies must be UTF-8.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
