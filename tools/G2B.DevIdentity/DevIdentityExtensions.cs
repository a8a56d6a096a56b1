using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace G2B.DevIdentity;

/// <summary>The development identity provider, for this project's host and for test hosts alike.</summary>
public static class DevIdentityExtensions
{
    public static IServiceCollection AddDevIdentity(this IServiceCollection services)
    {
        services.AddOptions<DevIdentityOptions>()
            .BindConfiguration(DevIdentityOptions.Section)
            .Validate(o => o.Enabled, "The development identity provider is off: DevIdentity:Enabled is set only in local runs and tests.")
            .Validate(o => Uri.TryCreate(o.Issuer, UriKind.Absolute, out _), "DevIdentity:Issuer must be an absolute URI (the gateway's /dev).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Audience), "DevIdentity:Audience must name the API audience (Auth:Audience of the services).")
            .Validate(o => o.Clients.Values.All(ValidClient),
                "Each DevIdentity:Clients entry needs a Secret and absolute RedirectUris / PostLogoutRedirectUris (at least one redirect URI).");

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DevKeys>();
        services.AddSingleton<DevTokenIssuer>();
        services.AddDevIdentityServer();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(CultureSelection.Configure);
        services.AddRazorComponents();
        // Turkmen and Russian text as text, not as numeric character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery();
        // The service defaults make the API's bearer scheme the default for every request; here nothing is
        // authenticated that way (OpenIddict validates its own tokens), so no request should try it.
        services.Configure<AuthenticationOptions>(o => o.DefaultScheme = o.DefaultAuthenticateScheme = o.DefaultChallengeScheme = null);
        return services;
    }

    /// <summary>Headers for the pages, before anything can answer.</summary>
    public static WebApplication UseDevIdentityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // No script, style or frame from anywhere. No form-action: browsers apply it to the redirect
                // that follows the sign-in POST, which goes to the client's origin.
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // Authorization URLs carry state and PKCE challenges: never in a Referer.
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// After the service defaults (which run OpenIddict inside authentication): the page language, antiforgery,
    /// and the endpoints OpenIddict passes through. Discovery, JWKS and token are answered by OpenIddict itself.
    /// </summary>
    public static WebApplication MapDevIdentity(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.UseAntiforgery();
        var dev = app.MapGroup(DevIdentityPaths.Prefix).ExcludeFromDescription().AllowAnonymous();
        dev.MapDevTokenApi();
        dev.MapSignInApi();
        return app;
    }

    private static bool ValidClient(DevClientOptions client) =>
        !string.IsNullOrEmpty(client.Secret)
        && client.RedirectUris.Count > 0
        && client.RedirectUris.Concat(client.PostLogoutRedirectUris).All(u => Uri.TryCreate(u, UriKind.Absolute, out _));
}
