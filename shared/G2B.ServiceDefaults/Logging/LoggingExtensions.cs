using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace G2B.ServiceDefaults;

internal static class LoggingExtensions
{
    /// <summary>Log events queued for the console before a writer waits (a few seconds of a busy service's lines).</summary>
    internal const int ConsoleBufferSize = 10_000;

    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {{CorrelationId={CorrelationId}, TraceId={TraceId}}}{NewLine}{Exception}";

    public static void AddG2BLogging(this WebApplicationBuilder builder)
    {
        // Per-host logger (not the static Log.Logger) so several hosts in one test process do not fight over it.
        builder.Services.AddSerilog(preserveStaticLogger: true, configureLogger: (services, logger) =>
        {
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Warning)
                .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                // The resilience pipelines log every attempt at Information; retries and failures come at Warning.
                .MinimumLevel.Override("Polly", LogEventLevel.Warning)
                .ReadSettings(builder.Configuration)
                // Sinks registered in DI (ILogEventSink) are added too: tests capture log events this way.
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With<ActivityEnricher>()
                .Enrich.WithProperty("Application", builder.Environment.ApplicationName);

            // Machines (containers, the runner, CI) read JSON; a person at a terminal reads text.
            // The console is written by one background task or thread: the console sink writes under a lock and a
            // write blocks while the reader of the pipe (the runner, the container runtime) is behind, so
            // request threads used to queue on that lock (a payment's "paid" line is written inside its
            // transaction, holding the invoice's row lock). Nothing is dropped: a full buffer blocks the
            // writer as the console did; disposing the logger when the host stops flushes what is queued.
            if (Console.IsOutputRedirected)
            {
                logger.WriteTo.Sink(new RedirectedConsoleSink(Console.OpenStandardOutput(), new RenderedCompactJsonFormatter(), ConsoleBufferSize));
            }
            else
            {
                logger.WriteTo.Async(console => console.Console(outputTemplate: TextTemplate), bufferSize: ConsoleBufferSize, blockWhenFull: true);
            }
        });
    }
}

/// <summary>Adds the W3C trace id of the current activity so logs join up with traces.</summary>
internal sealed class ActivityEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var activity = Activity.Current;
        if (activity is null)
        {
            return;
        }

        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("TraceId", activity.TraceId.ToHexString()));
        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("SpanId", activity.SpanId.ToHexString()));
    }
}
