using System.Text.RegularExpressions;
using G2B.LocalInfra;
using G2B.Runner.Tye;

namespace G2B.Runner.Hosting;

/// <summary>
/// The runner's infrastructure step: tye.yaml's <c>image: postgres</c> and <c>image: redis</c>
/// services run natively through G2B.LocalInfra (no Docker here), under the work directory so a
/// cluster outlives the run. Creates every database a connection string names.
/// </summary>
public sealed partial class InfraHost : IAsyncDisposable
{
    private InfraHost(LocalPostgres? postgres, LocalRedis? redis, string? postgresService, string? redisService)
    {
        Postgres = postgres;
        Redis = redis;
        PostgresService = postgresService;
        RedisService = redisService;
    }

    public LocalPostgres? Postgres { get; }

    public LocalRedis? Redis { get; }

    public string? PostgresService { get; }

    public string? RedisService { get; }

    /// <summary>The postmaster's pid, read from its lock file; null when not running.</summary>
    public int? PostgresProcessId
    {
        get
        {
            var pidFile = Postgres is null ? null : Path.Combine(Postgres.BaseDirectory, "data", "postmaster.pid");
            return pidFile is not null && File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var pid)
                ? pid
                : null;
        }
    }

    public static bool IsPostgres(TyeService s) => s.Kind == TyeServiceKind.Image && s.Image!.StartsWith("postgres", StringComparison.Ordinal);

    public static bool IsRedis(TyeService s) => s.Kind == TyeServiceKind.Image && s.Image!.StartsWith("redis", StringComparison.Ordinal);

    /// <param name="fixedPorts">Use the ports of tye.yaml; otherwise LocalInfra picks free ones.</param>
    public static async Task<InfraHost> StartAsync(
        TyeManifest manifest, string workDirectory, bool fixedPorts, IEnumerable<string> databases, CancellationToken ct = default)
    {
        var pg = manifest.Services.FirstOrDefault(IsPostgres);
        var rd = manifest.Services.FirstOrDefault(IsRedis);
        LocalPostgres? postgres = null;
        LocalRedis? redis = null;
        try
        {
            if (pg is not null)
            {
                postgres = await LocalPostgres.StartAsync(
                    new LocalPostgresOptions(Path.Combine(workDirectory, "postgres"), fixedPorts ? pg.PrimaryBinding.Port : null), ct);
                foreach (var database in databases.Distinct())
                {
                    await postgres.CreateDatabaseAsync(database, ct);
                }
            }

            if (rd is not null)
            {
                var appendOnly = !(rd.Args ?? string.Empty).Contains("--appendonly no", StringComparison.Ordinal);
                redis = await LocalRedis.StartAsync(
                    new LocalRedisOptions(Path.Combine(workDirectory, "redis"), fixedPorts ? rd.PrimaryBinding.Port : null, appendOnly), ct);
            }
        }
        catch
        {
            await StopBothAsync(postgres, redis);
            throw;
        }

        return new InfraHost(postgres, redis, pg?.Name, rd?.Name);
    }

    /// <summary>The databases named by <c>Database=</c> in the services' connection strings.</summary>
    public static IEnumerable<string> DatabasesNamedIn(IEnumerable<KeyValuePair<string, string>> environment) =>
        environment
            .Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase))
            .Select(e => DatabaseKey().Match(e.Value))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value.Trim());

    public Task StopAsync() => StopBothAsync(Postgres, Redis);

    public async ValueTask DisposeAsync() => await StopAsync();

    private static async Task StopBothAsync(LocalPostgres? postgres, LocalRedis? redis)
    {
        if (redis is not null)
        {
            await redis.StopAsync();
        }

        if (postgres is not null)
        {
            try
            {
                await postgres.StopAsync();
            }
            catch (InvalidOperationException)
            {
                // Already gone, e.g. Ctrl-C reached the whole process group first.
            }
        }
    }

    [GeneratedRegex(@"(?:^|;)\s*Database\s*=\s*([^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseKey();
}
