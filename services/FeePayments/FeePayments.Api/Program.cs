using FeePayments.Api;
using FeePayments.Api.Banks;
using FeePayments.Api.Invoices;
using FeePayments.Api.Payments;
using FeePayments.Api.Reconciliation;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddFeePayments();

var app = builder.Build();
app.MapServiceDefaults();
app.MapEventing();
app.MapInvoicesApi();
app.MapBankApi();
app.MapPaymentsApi();
app.MapReconciliationApi();
app.Run();

public partial class Program;
