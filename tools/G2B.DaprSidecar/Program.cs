using G2B.DaprSidecar.Hosting;

// Started with daprd's own flags, so scripts and tye.yaml can swap it for the real daprd.
if (args.Any(a => a is "--help" or "-h" or "-?"))
{
    return await DaprdFlags.Command().Parse(["--help"]).InvokeAsync();
}

SidecarOptions options;
try
{
    options = SidecarOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync($"{ex.Message}\nSee --help for daprd's flags this sidecar reads.");
    return 2;
}

await using var host = await SidecarHost.StartAsync(options);
Console.WriteLine($"G2B sidecar for {options.AppId}: HTTP {host.HttpEndpoint}, gRPC {host.GrpcEndpoint}");
await host.WaitForShutdownAsync();
return 0;
