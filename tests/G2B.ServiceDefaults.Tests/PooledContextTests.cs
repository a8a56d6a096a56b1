using G2B.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace G2B.ServiceDefaults.Tests;

/// <summary>
/// AddServiceDatabase leases its contexts from a pool: a scope gets one back that an earlier scope used, with nothing
/// of that scope left in it, and still on the connection string configured now.
/// </summary>
public sealed class PooledContextTests
{
    [Fact]
    public async Task The_next_scope_gets_the_same_context_back_with_nothing_of_the_last_one_left()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("sd_pool");
        await using var app = await StartAsync(connectionString);

        SampleDbContext first;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
            first.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            first.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            first.Database.SetCommandTimeout(77);
            // A transaction the scope leaves open, with a row in it, and a row only tracked.
            await first.Database.BeginTransactionAsync();
            first.Widgets.Add(new Widget { Name = "in an open transaction" });
            await first.SaveChangesAsync();
            first.Widgets.Add(new Widget { Name = "tracked only" });
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
            second.Should().BeSameAs(first, "the context went back to the pool and came out again");
            second.ChangeTracker.Entries().Should().BeEmpty();
            second.ChangeTracker.QueryTrackingBehavior.Should().Be(QueryTrackingBehavior.TrackAll);
            second.Database.AutoTransactionBehavior.Should().Be(AutoTransactionBehavior.WhenNeeded);
            second.Database.GetCommandTimeout().Should().BeNull();
            second.Database.CurrentTransaction.Should().BeNull();
            (await second.Widgets.CountAsync()).Should().Be(0, "the open transaction was rolled back");
        }
    }

    [Fact]
    public async Task A_connection_string_changed_while_running_is_used_by_the_next_scope()
    {
        var one = await TestPostgres.CreateDatabaseAsync("sd_pool_one");
        var other = await TestPostgres.CreateDatabaseAsync("sd_pool_two");
        await using var app = await StartAsync(one);

        SampleDbContext first;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
            (await CurrentDatabaseAsync(first)).Should().Be(DatabaseOf(one));
        }

        app.Configuration["ConnectionStrings:Database"] = other;

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
            second.Should().BeSameAs(first);
            (await CurrentDatabaseAsync(second)).Should().Be(DatabaseOf(other));
        }
    }

    private static string DatabaseOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    private static Task<string> CurrentDatabaseAsync(DbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT current_database() AS \"Value\"").SingleAsync();

    private static Task<WebApplication> StartAsync(string connectionString) => ServiceDatabaseTests.StartAsync(connectionString);
}
