using CompanyRegistry.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCompanyRegistry();

var app = builder.Build();
app.MapServiceDefaults();
app.MapEventing();
app.MapCompanyRegistryApi();
app.Run();

public partial class Program;
