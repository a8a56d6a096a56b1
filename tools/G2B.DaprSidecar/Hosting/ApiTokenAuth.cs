using System.Security.Cryptography;
using System.Text;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace G2B.DaprSidecar.Hosting;

/// <summary>DAPR_API_TOKEN: every call but the health probes carries header dapr-api-token, as daprd requires.</summary>
public static class ApiTokenAuth
{
    public const string Header = "dapr-api-token";

    public static bool Matches(string? expected, string? presented) =>
        expected is null
        || (presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented)));

    /// <summary>HTTP side; gRPC calls are left to <see cref="GrpcInterceptor"/> so they get a gRPC status.</summary>
    public static IApplicationBuilder UseDaprApiToken(this IApplicationBuilder app, SidecarOptions options) =>
        app.Use(async (context, next) =>
        {
            // gRPC methods are recognised by their endpoint, never by a header a caller could simply set.
            var exempt = context.Request.Path.StartsWithSegments("/v1.0/healthz")
                || context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not null;
            if (!exempt && !Matches(options.DaprApiToken, context.Request.Headers[Header].FirstOrDefault()))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync("invalid api token");
                return;
            }

            await next(context);
        });

    public sealed class GrpcInterceptor(SidecarOptions options) : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
            TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            if (!Matches(options.DaprApiToken, context.RequestHeaders.GetValue(Header)))
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, "authentication error: api token mismatch"));
            }

            return continuation(request, context);
        }
    }
}
