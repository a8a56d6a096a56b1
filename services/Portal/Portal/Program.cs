using G2B.ServiceDefaults;
using Portal;

var builder = WebApplication.CreateBuilder(args);

// Logging, telemetry, health and correlation ids as every service; no API document, and error pages
// instead of problem JSON (the portal answers people).
builder.AddServiceDefaults(o =>
{
    o.OpenApi = false;
    o.ProblemResponses = false;
});
builder.AddPortal();          // sign-in (cookie + OpenID Connect), the API client, pages, languages

var app = builder.Build();
if (Portal.Security.DataProtectionSetup.GenerateKeyRequested(args))
{
    // An operator's one-off (docs/deploy.md "Portal"): the shared key ring's next key.
    Console.WriteLine($"Wrote data-protection key {Portal.Security.DataProtectionSetup.GenerateKey(app.Services).KeyId}.");
    return;
}

app.UsePortalEdge();          // forwarded headers, security headers, error pages, the person's language
app.MapServiceDefaults();     // correlation id, request log, authentication, /healthz, /alive
app.MapPortal();              // static files and Razor Pages

app.Run();

public partial class Program;
