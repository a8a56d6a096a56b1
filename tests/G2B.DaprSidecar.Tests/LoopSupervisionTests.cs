using System.Collections.Concurrent;
using System.Net;
using G2B.DaprSidecar.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2B.DaprSidecar.Tests;

public sealed class LoopSupervisionTests
{
    [Fact]
    public async Task A_faulting_read_loop_is_logged_restarted_and_reported_by_healthz_until_it_reads_again()
    {
        var redis = await TestRedis.GetAsync();
        var topic = Sidecars.Unique("supervised");
        var logs = new CapturedLogs();
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/s", s.Handle).WithTopic("pubsub", topic));
        await using var sidecar = await Sidecars.StartAsync(
            Sidecars.Unique("sub"), Resources.Create(redis.Endpoint), app, logging: l => l.AddProvider(logs));
        await Sidecars.WaitReadyAsync(sidecar);
        using var client = Sidecars.Client(sidecar);
        using var http = new HttpClient();

        // The next read round faults; the round after the restart waits until the test has seen the health say so.
        var rounds = 0;
        var resume = new TaskCompletionSource();
        sidecar.Services.GetRequiredService<DeliveryService>().BeforeRead = async ct =>
        {
            var round = Interlocked.Increment(ref rounds);
            if (round == 1)
            {
                throw new InvalidOperationException("injected read fault");
            }

            if (round == 2)
            {
                await resume.Task.WaitAsync(ct);
            }
        };

        await Eventually.HoldsAsync(() => Volatile.Read(ref rounds) >= 2, "the restarted read loop");
        using (var down = await http.GetAsync($"{sidecar.HttpEndpoint}/v1.0/healthz"))
        {
            down.StatusCode.Should().Be(HttpStatusCode.InternalServerError, "a delivery loop is down");
            (await down.Content.ReadAsStringAsync()).Should().Contain("read pubsub").And.Contain("injected read fault");
        }

        logs.Errors.Should().Contain(e => e.Contains("read pubsub") && e.Contains("injected read fault"));

        await client.PublishEventAsync("pubsub", topic, new Order("after-restart", 1));
        resume.SetResult();

        await Eventually.FoundAsync(() => app.On("/s").FirstOrDefault(), "delivery by the restarted loop");
        await Sidecars.WaitReadyAsync(sidecar);
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error)
                {
                    owner.Errors.Enqueue($"{formatter(state, exception)} {exception?.Message}");
                }
            }
        }
    }
}
