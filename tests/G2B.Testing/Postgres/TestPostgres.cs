using G2B.LocalInfra;

namespace G2B.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test process, in a temp folder, started on first use and
/// stopped (and deleted) when the process exits. Each test class takes a fresh database.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<LocalPostgres>> _server = new(StartAsync);

    public static Task<LocalPostgres> GetAsync() => _server.Value;

    /// <summary>Creates an empty database named after <paramref name="prefix"/> and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var server = await GetAsync();
        var name = $"{Sanitise(prefix)}_{Guid.NewGuid():N}"[..Math.Min(63, Sanitise(prefix).Length + 13)];
        await server.CreateDatabaseAsync(name);
        return server.ConnectionString(name);
    }

    private static async Task<LocalPostgres> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"g2b-test-pg-{Guid.NewGuid():N}");
        var server = await LocalPostgres.StartAsync(new LocalPostgresOptions(directory, Durable: false));
        // Test hosts are sometimes killed by their runner, and exit handlers do not run then.
        server.StopWhenThisProcessExits(deleteFiles: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.StopNow();
            TryDelete(server.BaseDirectory);
        };
        return server;
    }

    private static string Sanitise(string prefix)
    {
        var chars = prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray();
        var name = new string(chars);
        return name.Length == 0 || char.IsAsciiDigit(name[0]) ? $"db_{name}" : name[..Math.Min(name.Length, 40)];
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>One Redis (append-only) per test process, for tests that need a real broker.</summary>
public static class TestRedis
{
    private static readonly Lazy<Task<LocalRedis>> _server = new(StartAsync);

    public static Task<LocalRedis> GetAsync() => _server.Value;

    private static async Task<LocalRedis> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"g2b-test-redis-{Guid.NewGuid():N}");
        var server = await LocalRedis.StartAsync(new LocalRedisOptions(directory));
        server.StopWhenThisProcessExits(deleteFiles: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.StopAsync().GetAwaiter().GetResult();
            TestPostgres.TryDelete(directory);
        };
        return server;
    }
}
