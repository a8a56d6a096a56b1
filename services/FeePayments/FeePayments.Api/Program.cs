using FeePayments.Api;
using FeePayments.Api.Endpoints;
using FeePayments.Api.IntegrationEvents;
using G2B.Eventing;
using G2B.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddFeePayments();

var app = builder.Build();
app.MapServiceDefaults();
app.MapEventing();
app.MapInvoicesApi();
app.MapBankApi();
app.MapPaymentsApi();
app.Run();

public partial class Program;
