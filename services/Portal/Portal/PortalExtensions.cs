using G2B.ServiceDefaults;
using Portal.Auth;
using Portal.Localisation;
using Portal.Payments;
using Portal.Security;

namespace Portal;

public static class PortalExtensions
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section)
            .Validate(o => Uri.TryCreate(o.GatewayUrl, UriKind.Absolute, out _), "Portal:GatewayUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddPortalForwardedHeaders();
        services.AddPortalDataProtection(builder.Configuration);
        services.AddPortalSignIn();
        services.AddPortalLocalisation();
        services.AddSuiteApi();
        services.AddApplicationLiveStream();
        services.AddSingleton<PaymentQr>();
        services.AddScoped<Formats>();
        services.AddScoped<Business.BusinessOverview>();
        // The printable view shows what the licence page shows.
        services.AddTransient<Pages.Business.Licences.DetailsModel>();

        // Turkmen and Russian letters as they are, not as &#x...; entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "g2b.portal.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__af";
        });
        services.AddRazorPages(o =>
            {
                // Authorization by folder: every page under Business/ is for signed-in businesses only,
                // checked on the server before the page runs (docs/portal.md "How to add a page").
                o.Conventions.AuthorizeFolder("/Business", AuthPolicies.Business);
                o.Conventions.AuthorizeFolder("/Regulator", AuthPolicies.Regulator);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        return builder;
    }

    /// <summary>
    /// First: the scheme and host the browser used (through the gateway), the headers every page gets, and the
    /// plain-words error pages and the person's language, outside authentication so a 403 or a failed sign-in
    /// gets a page in that language too.
    /// </summary>
    public static WebApplication UsePortalEdge(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseExceptionHandler("/error/500");
        app.UseMiddleware<BadRequestPageMiddleware>();
        // Before authentication: the sign-in redirect carries the person's language (ui_locales).
        app.UsePortalLocalisation();
        return app;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapApplicationLiveStream();
        app.MapDocumentDownloads();
        return app;
    }
}
