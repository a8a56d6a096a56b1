using LicenceApplications.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LicenceApplications.Tests;

/// <summary>
/// The service's context is leased from a pool (AddServiceDatabase) and comes back from each lease as its constructor
/// left it. The pool of the tests below is their own, over the app's options, so the next lease is certain to get the
/// instance the last one gave back.
/// </summary>
public sealed class PooledContextTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    private PooledDbContextFactory<LicenceApplicationsDbContext> NewPool() =>
        new(app.Services.GetRequiredService<DbContextOptions<LicenceApplicationsDbContext>>());

    [Fact]
    public async Task A_request_scope_leases_the_context_an_earlier_scope_gave_back()
    {
        LicenceApplicationsDbContext first;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<LicenceApplicationsDbContext>();
            await first.LicenceTypes.CountAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<LicenceApplicationsDbContext>().Should().BeSameAs(first);
        }
    }

    [Fact]
    public async Task A_lease_that_turned_savepoints_on_leaves_them_off_for_the_next()
    {
        var pool = NewPool();
        LicenceApplicationsDbContext first;
        await using (first = await pool.CreateDbContextAsync())
        {
            first.Database.AutoSavepointsEnabled.Should().BeFalse("the constructor turns them off");
            first.Database.AutoSavepointsEnabled = true;
        }

        await using var second = await pool.CreateDbContextAsync();
        second.Should().BeSameAs(first);
        second.Database.AutoSavepointsEnabled.Should().BeFalse();
    }

    [Fact]
    public async Task A_connection_a_lease_opened_and_left_open_does_not_stay_open_through_the_next_lease()
    {
        var pool = NewPool();
        LicenceApplicationsDbContext first;
        await using (first = await pool.CreateDbContextAsync())
        {
            await first.Database.OpenConnectionAsync();
        }

        await using var second = await pool.CreateDbContextAsync();
        second.Should().BeSameAs(first);
        await second.LicenceTypes.CountAsync();
        // Open here, the connection would be held from this query to the end of the lease (a stream's whole life).
        second.Database.GetDbConnection().State.Should().Be(System.Data.ConnectionState.Closed);
    }
}
