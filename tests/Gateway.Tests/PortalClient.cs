using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests;

/// <summary>
/// What the portal's OpenID Connect handler and a browser do, step by step with an HttpClient (cookies kept,
/// redirects not followed): authorize with PKCE, read the sign-in page, post one of its forms, redeem the code.
/// </summary>
public sealed class PortalClient(HttpClient http)
{
    public const string Scopes = "openid profile roles offline_access g2b-api";

    public string Verifier { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public string State { get; } = Guid.NewGuid().ToString("N");

    public string Nonce { get; } = Guid.NewGuid().ToString("N");

    public HttpClient Http => http;

    public Dictionary<string, string?> AuthorizeParameters() => new()
    {
        ["client_id"] = DevIdentityHost.ClientId,
        ["redirect_uri"] = DevIdentityHost.RedirectUri,
        ["response_type"] = "code",
        ["scope"] = Scopes,
        ["state"] = State,
        ["nonce"] = Nonce,
        ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier))),
        ["code_challenge_method"] = "S256",
    };

    public Task<HttpResponseMessage> AuthorizeAsync(Action<Dictionary<string, string?>>? change = null)
    {
        var parameters = AuthorizeParameters();
        change?.Invoke(parameters);
        return http.GetAsync(QueryHelpers.AddQueryString("/dev/connect/authorize", parameters));
    }

    /// <summary>The sign-in page of a valid authorization request, with its two forms.</summary>
    public async Task<SignInPage> OpenSignInAsync(Action<Dictionary<string, string?>>? change = null)
    {
        using var response = await AuthorizeAsync(change);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        return SignInPage.Parse(await response.Content.ReadAsStringAsync());
    }

    public Task<HttpResponseMessage> ChooseAsync(SignInPage page, string subject) =>
        PostAsync(page.Forms[0], new() { ["person"] = subject });

    public Task<HttpResponseMessage> TypeAsync(SignInPage page, string name, string? role) =>
        PostAsync(page.Forms[1], role is null ? new() { ["name"] = name } : new() { ["name"] = name, ["role"] = role });

    public Task<HttpResponseMessage> PostAsync(SignInForm form, Dictionary<string, string> fields)
    {
        var all = new Dictionary<string, string>(form.Fields);
        foreach (var (key, value) in fields)
        {
            all[key] = value;
        }

        return http.PostAsync(form.Action, new FormUrlEncodedContent(all));
    }

    /// <summary>The code from the redirect to the portal, after checking it is the portal's redirect with its state.</summary>
    public string CodeFrom(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be(DevIdentityHost.RedirectUri);
        var query = QueryHelpers.ParseQuery(location.Query);
        query["state"].ToString().Should().Be(State);
        query["iss"].ToString().Should().Be(DevIdentityHost.Issuer);
        return query["code"].ToString();
    }

    public async Task<string> SignInAsync(string subject) => CodeFrom(await ChooseAsync(await OpenSignInAsync(), subject));

    public Task<HttpResponseMessage> RedeemAsync(string code, string? verifier = null, string secret = DevIdentityHost.ClientSecret) =>
        TokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = DevIdentityHost.RedirectUri,
            ["code_verifier"] = verifier ?? Verifier,
            ["client_id"] = DevIdentityHost.ClientId,
            ["client_secret"] = secret,
        });

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) => TokenAsync(new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["client_id"] = DevIdentityHost.ClientId,
        ["client_secret"] = DevIdentityHost.ClientSecret,
    });

    public async Task<TokenSet> TokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new TokenSet(
            root.GetProperty("access_token").GetString()!,
            root.GetProperty("id_token").GetString()!,
            root.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            root.GetProperty("expires_in").GetInt32());
    }

    private Task<HttpResponseMessage> TokenAsync(Dictionary<string, string> form) =>
        http.PostAsync("/dev/connect/token", new FormUrlEncodedContent(form));

    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}

public sealed record TokenSet(string AccessToken, string IdToken, string? RefreshToken, int ExpiresIn);

public sealed record SignInForm(string Action, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<string> Buttons);

/// <summary>The page as a browser sees it: the forms with their hidden fields, and the text.</summary>
public sealed partial record SignInPage(string Html, IReadOnlyList<SignInForm> Forms)
{
    public static SignInPage Parse(string html)
    {
        var forms = Form().Matches(html).Select(form =>
        {
            var attributes = Attributes(form.Groups["open"].Value);
            var inputs = Tag().Matches(form.Groups["body"].Value)
                .Select(m => (m.Groups["tag"].Value, Attributes(m.Groups["attributes"].Value))).ToList();
            var fields = inputs.Where(i => i.Item1 == "input" && i.Item2.GetValueOrDefault("type") == "hidden")
                .ToDictionary(i => i.Item2["name"], i => i.Item2.GetValueOrDefault("value") ?? string.Empty);
            var buttons = inputs.Where(i => i.Item1 == "button" && i.Item2.ContainsKey("value")).Select(i => i.Item2["value"]).ToList();
            return new SignInForm(attributes["action"], fields, buttons);
        }).ToList();
        return new SignInPage(html, forms);
    }

    private static Dictionary<string, string> Attributes(string text) =>
        Attribute().Matches(text).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex(@"<form(?<open>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex(@"<(?<tag>input|button)\b(?<attributes>[^>]*)>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<name>[\w-]+)=""(?<value>[^""]*)""")]
    private static partial Regex Attribute();
}
