using System.Net.Sockets;
using System.Text;

namespace G2B.LocalInfra.Tests;

public sealed class LocalRedisTests
{
    [Fact]
    public async Task Data_written_with_append_only_survives_a_kill_and_restart()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"g2b-redis-test-{Guid.NewGuid():N}");
        await using var redis = await LocalRedis.StartAsync(new LocalRedisOptions(directory));
        (await CommandAsync(redis.Port, "SET k durable")).Should().StartWith("+OK");

        // appendfsync everysec: give the append-only file its flush before the crash.
        await CommandAsync(redis.Port, "BGREWRITEAOF");
        await WaitUntilAsync(async () => (await CommandAsync(redis.Port, "INFO persistence")).Contains("aof_rewrite_in_progress:0"));
        await redis.KillAsync();
        FreePort.IsListening(redis.Port).Should().BeFalse();

        await redis.StartAgainAsync();
        (await CommandAsync(redis.Port, "GET k")).Should().Contain("durable");
    }

    [Fact]
    public async Task Stop_leaves_no_process_behind()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"g2b-redis-test-{Guid.NewGuid():N}");
        var redis = await LocalRedis.StartAsync(new LocalRedisOptions(directory, AppendOnly: false));
        var pid = redis.ProcessId!.Value;
        await redis.StopAsync();
        Directory.Exists($"/proc/{pid}").Should().BeFalse();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold before the deadline");
            await Task.Delay(50);
        }
    }

    private static async Task<string> CommandAsync(int port, string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        var buffer = new byte[8192];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
