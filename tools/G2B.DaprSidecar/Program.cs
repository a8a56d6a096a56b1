using G2B.DaprSidecar.Hosting;

// Started with daprd's own flags, so scripts and tye.yaml can swap it for the real daprd.
SidecarOptions options;
try
{
    options = SidecarOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync($"{ex.Message}\nusage: G2B.DaprSidecar --app-id ID [--app-port N] [--dapr-http-port N] " +
        "[--dapr-grpc-port N] [--resources-path DIR] [--app-max-concurrency N] [--log-level info]");
    return 2;
}

await using var host = await SidecarHost.StartAsync(options);
Console.WriteLine($"G2B sidecar for {options.AppId}: HTTP {host.HttpEndpoint}, gRPC {host.GrpcEndpoint}");
await host.WaitForShutdownAsync();
return 0;
