using G2B.Runner.Tye;

namespace G2B.Runner.Hosting;

/// <summary>Start-up of the suite: build, infrastructure, then every service with its sidecar, in parallel.</summary>
public sealed partial class SuiteHost
{
    public static async Task<SuiteHost> StartAsync(SuiteOptions options, CancellationToken ct = default)
    {
        var root = Path.GetFullPath(options.RepositoryRoot ?? RepositoryLayout.FindRoot(options.ManifestFile));
        var work = Path.GetFullPath(options.WorkDirectory ?? Path.Combine(root, ".local"));
        var configuration = options.Configuration ?? RepositoryLayout.OwnConfiguration();
        var manifest = TyeParser.ParseFile(Path.Combine(root, options.ManifestFile));
        var log = options.Log ?? (_ => { });
        var services = manifest.Services
            .Where(s => s.Kind != TyeServiceKind.Image && (options.Services is null || options.Services.Contains(s.Name)))
            .ToList();
        var ports = new PortPlan(manifest, options.UseFreePorts);
        if (!options.UseFreePorts)
        {
            ports.EnsureFree(services);
        }

        var components = Path.Combine(root, manifest.Dapr?.ComponentsPath ?? "components");
        var pending = new LaunchPlan(manifest, ports, options, root, configuration, components);
        if (options.Build)
        {
            log($"Building the services ({configuration})...");
            await SuiteBuild.RunAsync(root, configuration, pending.ProjectsToRun(services), work, ct);
            foreach (var native in pending.NativeProjects(services))
            {
                var name = Path.GetFileNameWithoutExtension(native);
                log($"Publishing {name} as a native executable ({configuration}; minutes the first time)...");
                if (!await SuiteBuild.PublishNativeAsync(root, configuration, native, ct))
                {
                    log($"The native publish of {name} failed (see above); it runs as dll on the JIT.");
                }
            }
        }

        var missing = pending.ProjectsToRun(services).Where(p => !File.Exists(pending.OutputOf(p))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"No {configuration} build output for {string.Join(", ", missing)}: run `dotnet build {RepositoryLayout.SolutionFile} -c {configuration}`.");
        }

        var watchdog = Watchdog.Start(Path.Combine(work, "runner.pids"));
        InfraHost infra;
        try
        {
            log("Starting PostgreSQL and Redis...");
            var databases = InfraHost.DatabasesNamedIn(services.SelectMany(pending.EnvironmentOf));
            infra = await InfraHost.StartAsync(manifest, work, !options.UseFreePorts, databases, ct);
        }
        catch
        {
            watchdog.Dispose();
            throw;
        }

        ports.AssignInfra(infra);
        var plannedRedis = manifest.Services.FirstOrDefault(InfraHost.IsRedis)?.PrimaryBinding.Port ?? 0;
        var resources = DaprComponents.Prepare(components, Path.Combine(work, "dapr", "components"), plannedRedis,
            infra.Redis?.Port ?? plannedRedis);
        var plan = new LaunchPlan(manifest, ports, options, root, configuration, resources);
        var host = new SuiteHost(options, manifest, services, plan, ports, infra, watchdog, Path.Combine(work, "logs"));
        // The first process that fails to come up ends the wait for the others: report it, not a timeout.
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var starts = services.SelectMany(host.LaunchesOf).Select(async launch =>
        {
            try
            {
                await host.LaunchAsync(launch.Spec, launch.Health, failFast.Token);
            }
            catch
            {
                await failFast.CancelAsync();
                throw;
            }
        }).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch (Exception e)
        {
            await host.StopAsync();
            var cause = starts.Select(t => t.Exception?.InnerException).FirstOrDefault(x => x is not null and not OperationCanceledException);
            if (cause is not null && !ct.IsCancellationRequested)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        }

        host.Supervise();
        host.MarkStarted();
        return host;
    }
}
