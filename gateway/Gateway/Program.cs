using G2B.ServiceDefaults;
using Gateway;

var builder = WebApplication.CreateBuilder(args);

// The gateway has no API of its own to describe: OpenAPI stays with the services (and is not proxied).
builder.AddServiceDefaults(o => o.OpenApi = false);
builder.AddGateway();

var app = builder.Build();

app.UseGatewayEdge();          // forwarded headers from known proxies, security headers
app.MapServiceDefaults();      // correlation id, logging, problems, authentication, /healthz, /dev issuer
app.UseGatewayPolicies();      // header guard, body limit, verified banks, per-caller rate limit, token check on /api
app.MapGatewayHealth();        // /healthz/downstreams
app.MapReverseProxy();

app.Run();

public partial class Program;
