using System.Net.Http.Headers;
using System.Text.Json;
using G2B.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CompanyRegistry.Tests.Support;

/// <summary>
/// The registry host on a fresh database (one per test class), validating tokens from the shared
/// development issuer. The outbox dispatcher is off: tests read <c>outbox_messages</c> instead.
/// </summary>
public sealed class CompanyRegistryApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static long _taxIdSeed = Random.Shared.NextInt64(100_000_000_000, 800_000_000_000);

    public string ConnectionString { get; private set; } = "";

    /// <summary>Lands a second licence event inside the first one's write (see <see cref="LicenceWriteHook"/>).</summary>
    public LicenceWriteHook LicenceWriteHook { get; } = new();

    public DevIssuer Issuer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("registry");
        Issuer = await TestAuth.IssuerAsync();
        // Starting the server applies the migrations before the first test runs.
        _ = Server;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Database", ConnectionString);
        foreach (var (key, value) in Issuer.Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Eventing:Outbox:DispatchEnabled", "false");
        builder.UseSetting("Eventing:ConsumerName", "company-registry");
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<CompanyRegistry.Api.Data.CompanyRegistryDbContext>(db => db.AddInterceptors(LicenceWriteHook)));
    }

    public HttpClient ClientFor(string subject, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issuer.CreateToken(subject, roles));
        return client;
    }

    public HttpClient Business(string subject) => ClientFor(subject, "business");

    public HttpClient Regulator() => ClientFor("regulator-1", "regulator");

    /// <summary>A tax id no other test has used in this process.</summary>
    public static string NewTaxId() => Interlocked.Increment(ref _taxIdSeed).ToString("D12", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<List<(string Topic, JsonElement Payload)>> OutboxAsync(string? topic = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT topic, payload::text FROM outbox_messages WHERE $1::text IS NULL OR topic = $1 ORDER BY seq", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)topic ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var rows = new List<(string, JsonElement)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), JsonDocument.Parse(reader.GetString(1)).RootElement.Clone()));
        }
        return rows;
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
