using System.Net;
using G2B.DaprSidecar.Components;
using G2B.DaprSidecar.Delivery;
using G2B.DaprSidecar.Publishing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace G2B.DaprSidecar.Hosting;

/// <summary>
/// One running sidecar: an HTTP/1.1 endpoint for daprd's HTTP API and an HTTP/2 cleartext endpoint for gRPC,
/// both on loopback. Program.cs runs one per process; tests start and stop several in one process.
/// </summary>
public sealed class SidecarHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SidecarHost(WebApplication app, SidecarOptions options, int httpPort, int grpcPort)
    {
        _app = app;
        Options = options;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
    }

    public SidecarOptions Options { get; }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    public string HttpEndpoint => $"http://127.0.0.1:{HttpPort}";

    public string GrpcEndpoint => $"http://127.0.0.1:{GrpcPort}";

    public IServiceProvider Services => _app.Services;

    public static async Task<SidecarHost> StartAsync(
        SidecarOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Logging.SetMinimumLevel(ParseLevel(options.LogLevel));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        configureLogging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.HttpPort, l => l.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, options.GrpcPort, l => l.Protocols = HttpProtocols.Http2);
        });

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(sp => ResourceLoader.Load(
            options.ResourcesPath, options.AppId, sp.GetRequiredService<ILoggerFactory>().CreateLogger("G2B.DaprSidecar.Resources")));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RedisBroker>();
        services.AddSingleton<Publisher>();
        services.AddSingleton<BulkPublisher>();
        services.AddSingleton<AppChannel>();
        services.AddSingleton<SubscriptionManager>();
        services.AddHostedService(sp => sp.GetRequiredService<SubscriptionManager>());
        services.AddSingleton<MessageDeliverer>();
        services.AddSingleton<LoopSupervisor>();
        services.AddSingleton<DeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryService>());
        services.AddSingleton<ApiTokenAuth.GrpcInterceptor>();
        services.AddGrpc(o => o.Interceptors.Add<ApiTokenAuth.GrpcInterceptor>());
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        app.UseRouting();
        app.UseDaprApiToken(options);
        app.MapGrpcService<DaprGrpcService>();
        app.MapPublishApi();
        app.MapBulkPublishApi();
        app.MapRuntimeApi();
        await app.StartAsync(ct);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port).ToList();
        // Kestrel reports the endpoints in the order they were configured: HTTP first, then gRPC.
        return new SidecarHost(app, options, addresses[0], addresses[1]);
    }

    /// <summary>Stops listening and delivering; unacknowledged messages stay pending in Redis.</summary>
    public Task StopAsync() => _app.StopAsync();

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static LogLevel ParseLevel(string level) => level.ToLowerInvariant() switch
    {
        "debug" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "fatal" => LogLevel.Critical,
        _ => LogLevel.Information,
    };
}
