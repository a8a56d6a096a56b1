using System.Text.Json;
using G2B.DemoBank;

// "pay RF..." runs one payment from the command line and exits; anything else serves the bank's HTTP API.
var cli = args.Length >= 2 && args[0] == "pay";
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = cli ? args[2..] : args,
    // Settings sit next to the dll, wherever the command is run from.
    ContentRootPath = AppContext.BaseDirectory,
    // A local tool: its development settings (the demo secret) apply unless an environment is named.
    EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
        ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Development,
});
builder.AddDemoBank();
var app = builder.Build();

if (cli)
{
    var suite = app.Services.GetRequiredService<SuiteClient>();
    PayResult result;
    try
    {
        result = await suite.PayAsync(args[1], CancellationToken.None);
    }
    catch (HttpRequestException ex)
    {
        Console.Error.WriteLine($"The suite is not reachable: {ex.Message}");
        return 2;
    }

    Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    var status = result.Confirmation?.Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("status", out var s)
        ? s.ToString() : null;
    return status is "accepted" or "duplicate" ? 0 : 1;
}

app.MapDemoBank();
await app.RunAsync();
return 0;
