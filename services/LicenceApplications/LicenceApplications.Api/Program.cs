using LicenceApplications.Api;
using LicenceApplications.Api.Applications;
using LicenceApplications.Api.Catalogue;
using LicenceApplications.Api.Credentials;
using LicenceApplications.Api.Documents;
using LicenceApplications.Api.Licences;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddLicenceApplications();

var app = builder.Build();
app.MapServiceDefaults();
app.MapEventing();
app.MapCatalogueApi();
app.MapApplicationsApi();
app.MapDocumentsApi();
app.MapLicencesApi();
app.MapCredentialsApi();
app.Run();

public partial class Program;
