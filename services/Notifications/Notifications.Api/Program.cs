using Notifications.Api;
using Notifications.Api.Feed;
using Notifications.Api.IntegrationEvents;
using Notifications.Api.Streaming;
using Notifications.Api.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotifications();

var app = builder.Build();
app.MapServiceDefaults();
app.MapEventing();
app.MapFeedApi();
app.MapEventStream();
app.MapWebhooksApi();
app.Run();

public partial class Program;
