using G2B.DevIdentity;
using G2B.ServiceDefaults;

// Local runs only: tye.yaml starts it and the gateway forwards /dev/* to it; nothing deploys it.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(o => o.OpenApi = false);
builder.Services.AddDevIdentity();
// A provider that is off or half-configured stops at start, not at the first sign-in.
builder.Services.AddOptions<DevIdentityOptions>().ValidateOnStart();

var app = builder.Build();
app.UseDevIdentityHeaders();
app.MapServiceDefaults();   // correlation id, logging, problems, OpenIddict (in authentication), /healthz
app.MapDevIdentity();       // /dev/token, the sign-in page, end-session, userinfo

app.Run();

// Not public: test projects reference this tool beside a service, whose public Program they mean.
internal partial class Program;
