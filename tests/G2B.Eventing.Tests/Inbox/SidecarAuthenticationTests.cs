using System.Net;
using System.Net.Http.Headers;
using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace G2B.Eventing.Tests.Inbox;

/// <summary>With APP_API_TOKEN set, only the sidecar (which sends it) may call the event routes; JWTs keep working elsewhere.</summary>
public sealed class SidecarAuthenticationTests
{
    private const string Token = "sidecar-secret";

    [Fact]
    public async Task Event_routes_require_the_app_api_token_while_public_endpoints_keep_their_jwt_auth()
    {
        var issuer = await TestAuth.IssuerAsync();
        var settings = new Dictionary<string, string?>(issuer.Settings)
        {
            ["APP_API_TOKEN"] = Token,
            ["Eventing:Outbox:DispatchEnabled"] = "false",
        };
        await using var app = await EventingTestApp.StartAsync(
            await TestPostgres.CreateDatabaseAsync("sidecar_auth"),
            new RecordingPublisher(),
            settings,
            configure: builder => builder.AddServiceDefaults(),
            map: web =>
            {
                web.MapServiceDefaults();
                web.MapEventing();
                web.MapGet("/api/whoami", (HttpContext http) => TypedResults.Ok(http.User.GetSubject()))
                    .RequireAuthorization(AuthPolicies.Business);
            });
        var client = app.CreateClient();
        var jwt = issuer.CreateToken("user-1", "business");

        HttpRequestMessage Delivery(string? daprToken, string? bearer)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/events/note-written")
            {
                Content = CloudEvents.For(new NoteWrittenIntegrationEvent("x"), NoteWrittenIntegrationEvent.Topic, NoteWrittenIntegrationEvent.EventType),
            };
            if (daprToken is not null)
            {
                request.Headers.Add("dapr-api-token", daprToken);
            }

            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            return request;
        }

        (await client.SendAsync(Delivery(null, null))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.SendAsync(Delivery("wrong", null))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.SendAsync(Delivery(null, jwt))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a user token is not the sidecar");
        (await client.SendAsync(Delivery(Token, null))).StatusCode.Should().Be(HttpStatusCode.OK);

        var subscribe = new HttpRequestMessage(HttpMethod.Get, "/dapr/subscribe");
        (await client.SendAsync(subscribe)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var subscribeWithToken = new HttpRequestMessage(HttpMethod.Get, "/dapr/subscribe");
        subscribeWithToken.Headers.Add("dapr-api-token", Token);
        (await client.SendAsync(subscribeWithToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        var whoami = new HttpRequestMessage(HttpMethod.Get, "/api/whoami");
        whoami.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        (await client.SendAsync(whoami)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/whoami"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
