using G2B.BankSignatures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests;

/// <summary>
/// The test server has no TCP peer; this sets the connection's remote address from a test-only header
/// before the gateway's pipeline runs, as if the request had come from that address.
/// </summary>
internal static class TestPeer
{
    public const string Header = "X-Test-Peer";

    public static void FromHeader(IWebHostBuilder web) =>
        web.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, Filter>());

    public static HttpRequestMessage From(this HttpRequestMessage request, string address)
    {
        request.Headers.Add(Header, address);
        return request;
    }

    /// <summary>Signs a request the way a bank does (a GET over its path and query).</summary>
    public static HttpRequestMessage SignedBy(this HttpRequestMessage request, string bankCode, string secret, byte[]? body = null)
    {
        var payload = body ?? System.Text.Encoding.UTF8.GetBytes(request.RequestUri!.OriginalString);
        request.Headers.Add(BankSignature.CodeHeader, bankCode);
        request.Headers.Add(BankSignature.SignatureHeader, BankSignature.CreateHeader(secret, DateTimeOffset.UtcNow, payload));
        return request;
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var peer))
                {
                    context.Connection.RemoteIpAddress = peer;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
