using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Portal.Localisation;

/// <summary>
/// English, Turkmen and Russian. The language a person picked (the culture cookie) wins, then the browser's
/// Accept-Language, then English. Dates, numbers and money follow the same culture.
/// </summary>
public static class LocalisationSetup
{
    public static readonly IReadOnlyList<string> Languages = ["en", "tk", "ru"];

    /// <summary>The culture cookie's name: the framework's, so its provider reads it.</summary>
    public static string CookieName => CookieRequestCultureProvider.DefaultCookieName;

    internal static void AddPortalLocalisation(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Languages.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // en-GB, ru-RU, tk-TM from a browser fall back to their language.
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
    }

    public static void UsePortalLocalisation(this WebApplication app) => app.UseRequestLocalization();

    /// <summary>Remembers a language for a year; HttpOnly (no script reads it), Secure under HTTPS.</summary>
    public static void Remember(HttpResponse response, string language) =>
        response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
        });
}
