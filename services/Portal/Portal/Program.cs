using G2B.ServiceDefaults;
using Portal;

var builder = WebApplication.CreateBuilder(args);

// Logging, telemetry, health and correlation ids as every service; the portal's own API document is none.
builder.AddServiceDefaults(o => o.OpenApi = false);
builder.AddPortal();          // sign-in (cookie + OpenID Connect), the API client, pages, languages

var app = builder.Build();

app.UsePortalEdge();          // forwarded headers from the gateway, security headers with the CSP
app.MapServiceDefaults();     // correlation id, request log, authentication, /healthz, /alive
app.UsePortalPipeline();      // localised error pages, languages, static files
app.MapPortal();              // Razor Pages and the sign-in/out endpoints

app.Run();

public partial class Program;
