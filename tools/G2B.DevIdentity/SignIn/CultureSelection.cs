using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Primitives;

namespace G2B.DevIdentity;

/// <summary>
/// The page's language: the client's <c>ui_locales</c> first (OpenID Connect Core 3.1.2.1, in the query or the
/// posted form), then the <c>culture</c> cookie the portal sets, then Accept-Language; English otherwise.
/// </summary>
public static class CultureSelection
{
    public const string CookieName = "culture";

    public static IReadOnlyList<CultureInfo> Supported { get; } = [new("en"), new("tk"), new("ru")];

    // Each language is offered in its own words, whatever the page's language.
    private static readonly Dictionary<string, string> NativeNames = new(StringComparer.Ordinal)
    {
        ["en"] = "English",
        ["tk"] = "Türkmençe",
        ["ru"] = "Русский",
    };

    public static string NativeName(CultureInfo culture) => NativeNames[culture.Name];

    public static void Configure(RequestLocalizationOptions options)
    {
        options.DefaultRequestCulture = new RequestCulture("en");
        options.SupportedCultures = options.SupportedUICultures = [.. Supported];
        options.RequestCultureProviders =
        [
            new UiLocalesProvider(),
            new CultureCookieProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
    }

    private sealed class UiLocalesProvider : RequestCultureProvider
    {
        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext context)
        {
            var request = context.Request;
            string? value = request.Query["ui_locales"];
            if (value is null && HttpMethods.IsPost(request.Method) && request.HasFormContentType)
            {
                value = (await request.ReadFormAsync(context.RequestAborted))["ui_locales"];
            }

            var tags = value?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return tags is { Length: > 0 } ? new ProviderCultureResult(tags.Select(t => new StringSegment(t)).ToList()) : null;
        }
    }

    /// <summary>A plain culture name (<c>tk</c>) or ASP.NET Core's cookie format (<c>c=tk|uic=tk</c>).</summary>
    private sealed class CultureCookieProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext context)
        {
            var value = context.Request.Cookies[CookieName];
            if (string.IsNullOrWhiteSpace(value))
            {
                return NullProviderCultureResult;
            }

            var result = value.Contains('=') ? CookieRequestCultureProvider.ParseCookieValue(value) : new ProviderCultureResult(value.Trim());
            return Task.FromResult(result);
        }
    }
}
