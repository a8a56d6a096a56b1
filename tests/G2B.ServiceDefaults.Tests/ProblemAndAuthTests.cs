using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using G2B.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace G2B.ServiceDefaults.Tests;

public sealed class ProblemAndAuthTests
{
    public sealed record Payload(int Count, string Name);

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Malformed_or_mistyped_json_is_a_400_validation_problem(string environment)
    {
        await using var app = await StartAsync(environment);

        foreach (var json in new[] { "{bad json", """{"count":"many","name":"x"}""", "" })
        {
            using var response = await app.Client().PostAsync("/echo", new StringContent(json, Encoding.UTF8, "application/json"));

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, json);
            await ShouldBeProblemAsync(response, "validation");
        }
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "grant_type=x&code=%00")]
    [InlineData("multipart/form-data; boundary=b0undary", "--other\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--other--\r\n")]
    [InlineData("multipart/form-data; boundary=b0undary", "--b0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx")]
    public async Task A_form_or_multipart_body_the_framework_cannot_read_is_a_400_validation_problem(string contentType, string body)
    {
        await using var app = await StartAsync();
        var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await app.Client().PostAsync("/form", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        await ShouldBeProblemAsync(response, "validation");
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task An_unhandled_exception_is_a_500_problem_without_internals(string environment)
    {
        await using var app = await StartAsync(environment);

        using var response = await app.Client().GetAsync("/boom");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var body = await ShouldBeProblemAsync(response, "internal-error");
        var text = body.GetRawText();
        text.Should().NotContain("secret-internal-detail").And.NotContain("at G2B.").And.NotContain("InvalidOperationException");
    }

    [Fact]
    public async Task Unknown_routes_and_wrong_methods_are_problems()
    {
        await using var app = await StartAsync();

        using var notFound = await app.Client().GetAsync("/nope");
        using var wrongMethod = await app.Client().DeleteAsync("/echo");

        notFound.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(notFound, "not-found");
        wrongMethod.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        await ShouldBeProblemAsync(wrongMethod, "method-not-allowed");
    }

    [Fact]
    public async Task Problems_helper_writes_the_slug_and_field_errors()
    {
        await using var app = await StartAsync();

        using var response = await app.Client().GetAsync("/invalid");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await ShouldBeProblemAsync(response, "validation");
        body.GetProperty("errors").GetProperty("taxId")[0].GetString().Should().Be("Must be 12 digits.");
        response.Headers.GetValues("X-Correlation-Id").Single().Should().Be(body.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task Policies_admit_the_right_role_and_refuse_others_with_problems()
    {
        var issuer = await TestAuth.IssuerAsync();
        await using var app = await StartAsync();

        using var anonymous = await GetAsync(app, "/regulated", token: null);
        using var business = await GetAsync(app, "/regulated", issuer.CreateToken("biz-1", AuthPolicies.Business));
        using var regulator = await GetAsync(app, "/regulated", issuer.CreateToken("reg-1", AuthPolicies.Regulator));
        using var both = await GetAsync(app, "/regulated", issuer.CreateToken("dual", AuthPolicies.Business, AuthPolicies.Regulator));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(anonymous, "unauthorized");
        business.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await ShouldBeProblemAsync(business, "forbidden");
        regulator.StatusCode.Should().Be(HttpStatusCode.OK);
        (await regulator.Content.ReadAsStringAsync()).Should().Be("\"reg-1\"");
        both.StatusCode.Should().Be(HttpStatusCode.OK, "a role array grants each role");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_token_without_a_subject_is_401_even_with_the_right_role(string? subject)
    {
        var issuer = await TestAuth.IssuerAsync();
        await using var app = await StartAsync();
        var token = issuer.CreateToken(issuer.Spec("placeholder", AuthPolicies.Regulator) with { Subject = subject });

        using var response = await GetAsync(app, "/regulated", token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(response, "unauthorized");
    }

    private static async Task<HttpResponseMessage> GetAsync(WebApplication app, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await app.Client().SendAsync(request);
    }

    private static async Task<JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, string slug)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("type").GetString().Should().Be(Problems.TypeBase + slug);
        body.GetProperty("status").GetInt32().Should().Be((int)response.StatusCode);
        body.TryGetProperty("exception", out _).Should().BeFalse();
        return body;
    }

    private static async Task<WebApplication> StartAsync(string environment = "Production")
    {
        var issuer = await TestAuth.IssuerAsync();
        return await TestApp.StartAsync(new Dictionary<string, string?>(issuer.Settings), map: Map, environment: environment);
    }

    private static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/echo", (Payload payload) => TypedResults.Ok(payload));
        app.MapPost("/form", async (HttpRequest request) => TypedResults.Ok((await request.ReadFormAsync()).Count));
        app.MapGet("/boom", IResult () => throw new InvalidOperationException("secret-internal-detail"));
        app.MapGet("/invalid", () => Problems.Validation(new Dictionary<string, string[]> { ["taxId"] = ["Must be 12 digits."] }));
        app.MapGet("/regulated", (HttpContext context) => TypedResults.Ok(context.User.GetSubject()))
            .RequireAuthorization(AuthPolicies.Regulator);
    }
}
