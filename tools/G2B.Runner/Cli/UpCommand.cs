using System.Runtime.InteropServices;
using G2B.Runner.Hosting;

namespace G2B.Runner.Cli;

/// <summary>
/// `up`: starts the suite, prints where everything runs and a walkthrough, streams all output, and
/// on SIGINT, SIGTERM or SIGHUP stops everything. If the runner dies without that, the watchdog does.
/// </summary>
public static class UpCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var console = new ConsoleOutput();
        var demo = args.Contains("--demo");
        args = [.. args.Where(a => a != "--demo")];
        SuiteOptions options;
        try
        {
            options = Parse(args) with { Output = console.Line, Log = console.Runner };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

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

    private static SuiteOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SuiteOptions { Build = true };
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--no-build" => options with { Build = false },
                "--configuration" or "-c" => options with { Configuration = Value() },
                "--free-ports" => options with { UseFreePorts = true },
                "--only" => options with { Services = Value().Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--work-dir" => options with { WorkDirectory = Value() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }

    private static DisposableList AsDisposable(this List<PosixSignalRegistration> items) => new(items);

    private sealed class DisposableList(List<PosixSignalRegistration> items) : IDisposable
    {
        public void Dispose() => items.ForEach(i => i.Dispose());
    }
}
