using G2B.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace G2B.ServiceDefaults.Tests;

public sealed class CorrelationIdTests
{
    [Theory]
    [InlineData("caller-42")]
    [InlineData("!~azAZ09._-:/")]
    public async Task A_short_printable_callers_id_is_kept(string incoming) =>
        (await EchoedAsync(incoming)).Should().Be(incoming);

    [Theory]
    [InlineData("with space")]
    [InlineData("tab\tinside")]
    [InlineData("del\u007f")]
    [InlineData("\u00fcmlaut")]
    public async Task A_callers_id_that_could_inject_into_logs_or_headers_is_replaced(string incoming) =>
        (await EchoedAsync(incoming)).Should().MatchRegex("^[0-9a-f]{32}$");

    [Fact]
    public async Task A_callers_id_over_128_characters_is_replaced()
    {
        (await EchoedAsync(new string('a', 128))).Should().Be(new string('a', 128));
        (await EchoedAsync(new string('a', 129))).Should().MatchRegex("^[0-9a-f]{32}$");
    }

    private static async Task<string> EchoedAsync(string incoming)
    {
        var issuer = await TestAuth.IssuerAsync();
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?>(issuer.Settings),
            map: endpoints => endpoints.MapGet("/ping", () => TypedResults.Ok()));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ping");
        request.Headers.TryAddWithoutValidation(CorrelationIdMiddleware.HeaderName, incoming).Should().BeTrue();

        using var response = await app.Client().SendAsync(request);

        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues(CorrelationIdMiddleware.HeaderName).Single();
    }
}
