using System.Text.RegularExpressions;
using Npgsql;

namespace G2B.LocalInfra;

/// <param name="BaseDirectory">Holds the cluster (data/), its socket and its log; kept between runs.</param>
/// <param name="Port">Loopback port; null picks a free one.</param>
/// <param name="Durable">False trades crash safety for speed (fsync off): for test clusters only.</param>
public sealed record LocalPostgresOptions(string BaseDirectory, int? Port = null, bool Durable = true);

/// <summary>
/// A PostgreSQL cluster of our own on 127.0.0.1, created with initdb on first use. The same code
/// serves ./run.sh (a persistent cluster under .local/) and the tests (a throwaway one per run).
/// Applications connect as <c>app</c>/<c>app</c>, a role allowed to create databases.
/// </summary>
public sealed partial class LocalPostgres : IAsyncDisposable
{
    private const string ServerUser = "postgres";
    private readonly LocalPostgresOptions _options;
    private readonly string _dataDirectory;
    private readonly string? _runAs;
    private bool _running;

    private LocalPostgres(LocalPostgresOptions options, int port, string baseDirectory)
    {
        _options = options;
        Port = port;
        BaseDirectory = baseDirectory;
        _dataDirectory = Path.Combine(BaseDirectory, "data");
        _runAs = Shell.IsRoot ? ServerUser : null;
    }

    /// <summary>Extra server settings (<c>-c name=value ...</c>) for a measurement; see <see cref="StartAgainAsync"/>.</summary>
    public const string ExtraSettingsVariable = "G2B_POSTGRES_SETTINGS";

    public int Port { get; }

    public string BaseDirectory { get; }

    public string LogFile => Path.Combine(BaseDirectory, "server.log");

    public static async Task<LocalPostgres> StartAsync(LocalPostgresOptions options, CancellationToken ct = default)
    {
        var baseDirectory = await ReachableBaseDirectoryAsync(Path.GetFullPath(options.BaseDirectory), ct);
        var server = new LocalPostgres(options, options.Port ?? FreePort.Next(), baseDirectory);
        await server.InitialiseAsync(ct);
        await server.StartAgainAsync(ct);
        await server.EnsureAppRoleAsync(ct);
        return server;
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = "app",
            Password = "app",
        }.ConnectionString;

    /// <summary>Creates the database (owned by <c>app</c>) unless it exists.</summary>
    public async Task CreateDatabaseAsync(string database, CancellationToken ct = default)
    {
        if (!DatabaseName().IsMatch(database))
        {
            throw new ArgumentException($"'{database}' is not a plain database name.", nameof(database));
        }

        await using var connection = await OpenAdminConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is not null)
        {
            return;
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" OWNER app", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Created by a concurrent caller: the outcome is the same.
        }
    }

    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        var pgCtl = PostgresTool("pg_ctl");
        // track_commit_timestamp: the load tool reads when each inbox row's transaction committed
        // (pg_xact_commit_timestamp(xmin)), the end of an event hop. It costs 10 bytes a transaction in pg_commit_ts
        // (an 8 kB page per 819 transactions, written at checkpoints) and a small WAL record per new page; the commit
        // record carries its time anyway. Cheap enough to leave on in every local cluster, so a benchmark needs no
        // restart of its own.
        var settings = $"-c listen_addresses=127.0.0.1 -p {Port} -k {BaseDirectory} -c max_connections=400 -c track_commit_timestamp=on";
        if (!_options.Durable)
        {
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        // For measurements only (tools/benchmark.sh with PG_STATEMENTS=1): e.g. loading pg_stat_statements, which
        // needs the server started with it. Extra `-c name=value` settings; nothing sets it otherwise.
        if (Environment.GetEnvironmentVariable(ExtraSettingsVariable) is { Length: > 0 } extra)
        {
            settings += " " + extra;
        }

        await Shell.RunAsync(pgCtl, ["-D", _dataDirectory, "-o", settings, "-l", LogFile, "-w", "-t", "60", "start"], _runAs, ct);
        _running = true;
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        if (!_running && !File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
        {
            return;
        }

        await Shell.RunAsync(PostgresTool("pg_ctl"), ["-D", _dataDirectory, "-m", "fast", "-w", "stop"], _runAs, ct);
        _running = false;
    }

    /// <summary>Stops the server synchronously; for process-exit handlers, where nothing can be awaited.</summary>
    public void StopNow()
    {
        try
        {
            StopAsync().GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// Makes sure the server stops, and with <paramref name="deleteFiles"/> its folder goes, once
    /// this process has ended, even when it is killed without running exit handlers.
    /// </summary>
    public void StopWhenThisProcessExits(bool deleteFiles)
    {
        var stop = $"{ExitWatch.Quote(PostgresTool("pg_ctl"))} -D {ExitWatch.Quote(_dataDirectory)} -m immediate stop";
        if (_runAs is not null)
        {
            stop = $"{ExitWatch.Quote(Shell.Find("runuser", "/usr/sbin", "/sbin"))} -u {_runAs} -- {stop}";
        }

        ExitWatch.After(deleteFiles ? $"{stop}; rm -rf {ExitWatch.Quote(BaseDirectory)}" : stop);
    }

    // As root, the cluster belongs to the postgres user, who must be able to reach the folder. A
    // checkout under a private home (/root/...) is not reachable: the cluster then lives under
    // /var/tmp, named after the folder asked for, so it is still the same cluster on every run.
    private static async Task<string> ReachableBaseDirectoryAsync(string wanted, CancellationToken ct)
    {
        Directory.CreateDirectory(wanted);
        if (!Shell.IsRoot)
        {
            return wanted;
        }

        try
        {
            await Shell.RunAsync("/usr/bin/test", ["-x", wanted], ServerUser, ct);
            return wanted;
        }
        catch (InvalidOperationException)
        {
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(wanted)))[..12];
            var fallback = Path.Combine("/var/tmp", $"g2b-postgres-{hash}");
            Directory.CreateDirectory(fallback);
            await File.WriteAllTextAsync(Path.Combine(wanted, "LOCATION"), fallback + Environment.NewLine, ct);
            return fallback;
        }
    }

    private async Task InitialiseAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(BaseDirectory);
        if (_runAs is not null)
        {
            await Shell.RunAsync("/bin/chown", ["-R", $"{ServerUser}:{ServerUser}", BaseDirectory], ct: ct);
        }

        if (File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
        {
            await StopStaleServerAsync(ct);
            return;
        }

        await Shell.RunAsync(
            PostgresTool("initdb"),
            ["-D", _dataDirectory, "-U", ServerUser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            _runAs,
            ct);
    }

    // A run killed without cleanup leaves its postmaster behind; stop it so the port and lock are ours.
    private async Task StopStaleServerAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
        {
            return;
        }

        try
        {
            await Shell.RunAsync(PostgresTool("pg_ctl"), ["-D", _dataDirectory, "-m", "fast", "-w", "stop"], _runAs, ct);
        }
        catch (InvalidOperationException)
        {
            // The pid file was stale: pg_ctl start removes it.
        }
    }

    private async Task EnsureAppRoleAsync(CancellationToken ct)
    {
        await using var connection = await OpenAdminConnectionAsync(ct);
        const string sql = """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app') THEN
                CREATE ROLE app LOGIN PASSWORD 'app' CREATEDB;
              END IF;
            END $$;
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<NpgsqlConnection> OpenAdminConnectionAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = "postgres",
            Username = ServerUser,
            Pooling = false,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static string PostgresTool(string name)
    {
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")).ToArray()
            : [];
        return Shell.Find(name, versioned);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
