using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Gateway;

/// <summary>
/// Rejects bodies over the limit with a 413 problem before they reach a service. The limit is
/// <c>Gateway:MaxRequestBodyBytes</c>, except on a route that sets its own <c>MaxRequestBodySize</c>
/// (the document upload): routing has already chosen the route when this runs.
/// </summary>
public sealed class BodyLimitMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.MaxRequestBodySize is > 0 and var routeLimit
            ? routeLimit
            : options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await Problems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large",
                    "The request body is too large.", $"The body may be at most {limit} bytes.")
                .ExecuteAsync(context);
            return;
        }

        // Bodies without Content-Length (chunked) are cut off by the server while being proxied.
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
