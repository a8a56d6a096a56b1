using CompanyRegistry.Api;
using CompanyRegistry.Api.Endpoints;
using CompanyRegistry.Api.IntegrationEvents;
using G2B.Eventing;
using G2B.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCompanyRegistry();

var app = builder.Build();
app.MapServiceDefaults();
app.MapEventing();
app.MapCompaniesApi();
app.Run();

public partial class Program;
