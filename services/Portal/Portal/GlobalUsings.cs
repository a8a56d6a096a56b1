// The namespaces nearly every page model and service of the portal uses: the API client and its records, the words,
// MVC's results and the business rules.
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.Extensions.Localization;
global using Portal.Api;
global using Portal.Business;
global using Portal.Resources;
