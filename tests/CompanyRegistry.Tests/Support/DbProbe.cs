using CompanyRegistry.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CompanyRegistry.Tests.Support;

/// <summary>The app's own open database connection (its scope's context), for statements and plans a test runs itself.</summary>
public sealed record DbProbe(AsyncServiceScope Scope, NpgsqlConnection Connection) : IAsyncDisposable
{
    public static async Task<DbProbe> OpenAsync(IServiceProvider services)
    {
        var scope = services.CreateAsyncScope();
        var connection = (NpgsqlConnection)scope.ServiceProvider.GetRequiredService<CompanyRegistryDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        return new DbProbe(scope, connection);
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.CloseAsync();
        await Scope.DisposeAsync();
    }
}
