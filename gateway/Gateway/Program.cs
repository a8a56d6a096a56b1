using G2B.ServiceDefaults;
using Gateway;

var builder = WebApplication.CreateBuilder(args);

// No generated document here: the gateway serves the hand-maintained document of the whole public surface.
builder.AddServiceDefaults(o => o.OpenApi = false);
builder.AddGateway();

var app = builder.Build();

app.UseGatewayEdge();          // forwarded headers from known proxies, security headers
app.MapServiceDefaults();      // correlation id, logging, problems, authentication, /healthz
app.UseGatewayPolicies();      // header guard, body limit, verified banks, per-caller rate limit, token check on /api
app.MapGatewayHealth();        // /healthz/downstreams
app.MapPublicApiDocs();        // /openapi/v1.json and the Scalar reference at /docs
app.MapApiPrefixNotFound();    // unknown paths under the API's prefixes: 404 problem, never the portal
app.MapReverseProxy();         // the API's routes, then everything else to the portal

app.Run();

public partial class Program;
