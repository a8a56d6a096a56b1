using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace G2B.Testing;

/// <summary>
/// A service under test, the same way for every service: a fresh PostgreSQL database, real token validation
/// against the shared development issuer, the outbox dispatcher off (tests read <c>outbox_messages</c>
/// instead), and the settings the service's app adds on top (<see cref="Settings"/>, later keys win).
/// Used as a class fixture (<see cref="IAsyncLifetime"/>) or started by hand with <see cref="InitializeAsync"/>.
/// </summary>
/// <param name="database">Prefix of the database created for this app.</param>
public abstract class ServiceApp<TEntryPoint>(string database) : WebApplicationFactory<TEntryPoint>, IAsyncLifetime
    where TEntryPoint : class
{
    public string ConnectionString { get; private set; } = "";

    public DevIssuer Issuer { get; private set; } = null!;

    /// <summary>"Testing" keeps Development-only wiring out; an app that needs appsettings.Development.json says so.</summary>
    protected virtual string Environment => "Testing";

    /// <summary>The connection string the app is given: its database's own, unless a test routes it elsewhere (a relay).</summary>
    protected virtual string AppConnectionString => ConnectionString;

    /// <summary>The service's own settings for tests, applied after the database, issuer and outbox ones.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    /// <summary>Creates the database and starts the host (which applies the migrations) before the first test.</summary>
    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(database);
        Issuer = await TestAuth.IssuerAsync();
        StartServer();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Database", AppConnectionString);
        foreach (var (key, value) in Issuer.Settings.Append(new("Eventing:Outbox:DispatchEnabled", "false")).Concat(Settings))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(ConfigureTestServices);
    }

    /// <summary>Replaces services for tests (clocks, resolvers, interceptors); nothing by default.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    /// <summary>
    /// What a host of this app with these settings on top fails to start with (settings a deployment must be refused
    /// for). WebApplicationFactory's deferred host can lose a race with the app's own failed start: it then asks the
    /// already disposed host for a service and reports that <see cref="ObjectDisposedException"/> instead of the
    /// start's exception (met once in a few runs). Such an attempt says nothing about the app, so it is started again;
    /// a host that starts is a failure of the test.
    /// </summary>
    public Exception StartFailure(params (string Key, string Value)[] settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var host = WithSettings(settings);
            try
            {
                _ = host.Server;
            }
            catch (ObjectDisposedException) when (attempt < 5)
            {
                continue;
            }
            catch (Exception failure)
            {
                return failure;
            }

            throw new Xunit.Sdk.XunitException("The host started with settings it should have refused.");
        }
    }

    /// <summary>Another host of this app over the same database, with these settings on top (a later deployment).</summary>
    public WebApplicationFactory<TEntryPoint> WithSettings(params (string Key, string Value)[] settings) =>
        WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    /// <summary>A client with a bearer token for <paramref name="subject"/> holding <paramref name="roles"/>.</summary>
    public HttpClient ClientFor(string subject, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issuer.CreateToken(subject, roles));
        return client;
    }

    public HttpClient Business(string subject) => ClientFor(subject, "business");

    public HttpClient Regulator() => ClientFor("regulator-1", "regulator");

    /// <summary>The payloads queued in the outbox for <paramref name="topic"/>, oldest first.</summary>
    public async Task<List<JsonElement>> OutboxAsync(string topic)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT payload::text FROM outbox_messages WHERE topic = $1 ORDER BY seq", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = topic });
        var payloads = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            payloads.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }

        return payloads;
    }

    /// <summary>The one number <paramref name="sql"/> answers, with positional parameters ($1, $2 ...).</summary>
    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
