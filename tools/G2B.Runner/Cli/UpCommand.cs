using System.Runtime.InteropServices;
using G2B.Runner.Hosting;

namespace G2B.Runner.Cli;

/// <summary>
/// `up`: starts the suite, prints where everything runs and a walkthrough, streams all output, and
/// on SIGINT, SIGTERM or SIGHUP stops everything. If the runner dies without that, the watchdog does.
/// </summary>
public static class UpCommand
{
    public static async Task<int> RunAsync(SuiteOptions options, bool demo)
    {
        var console = new ConsoleOutput();
        options = options with { Output = console.Line, Log = console.Runner };
        using var shutdown = new CancellationTokenSource();
        SuiteHost? host = null;
        using var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
            .Select(s => PosixSignalRegistration.Create(s, context =>
            {
                context.Cancel = true; // we exit ourselves, after stopping the children
                // First, before the children's own exit (Ctrl-C reaches them too) can look like a crash.
                host?.EndSupervision();
                shutdown.Cancel();
            }))
            .ToList()
            .AsDisposable();

        if (demo && await DemoCommand.RunningSuiteAsync(options, shutdown.Token) is { } running)
        {
            // A suite is already up (another ./run.sh): show the journey on it and leave it running.
            return await DemoCommand.RunAsync(running.Gateway, running.DemoBank, console, shutdown.Token);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => host?.StopNow();
        try
        {
            host = await SuiteHost.StartAsync(options, shutdown.Token);
            console.Block(Environment.NewLine + Banner.Table(host));
            console.Block("Try it (bash, needs curl and jq):" + Environment.NewLine + Banner.Walkthrough(host.Url("gateway")));
            if (host.Services.Any(s => s.Name == "portal"))
            {
                // People use the portal through the gateway, like the API: one address for both.
                console.Block($"Or in a browser, the portal: {host.Url("gateway")}/");
            }

            if (demo)
            {
                await DemoCommand.RunAsync(new Uri(host.Url("gateway")), new Uri(host.Url("demo-bank")), console, shutdown.Token);
            }

            console.Runner("Everything is healthy; whatever dies is restarted. Ctrl-C stops it all.");
            await Task.Delay(Timeout.Infinite, shutdown.Token);
            return 0;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is SuiteStartException or InvalidOperationException or FormatException or IOException)
        {
            console.Runner("Could not start the suite: " + e.Message);
            return 1;
        }
        finally
        {
            console.Runner("Stopping...");
            if (host is not null)
            {
                await host.StopAsync();
            }

            console.Runner("Stopped.");
        }
    }

    private static DisposableList AsDisposable(this List<PosixSignalRegistration> items) => new(items);

    private sealed class DisposableList(List<PosixSignalRegistration> items) : IDisposable
    {
        public void Dispose() => items.ForEach(i => i.Dispose());
    }
}
