using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace G2B.ServiceDefaults;

/// <summary>
/// Ready only once every migration this build knows is applied. On Kubernetes replicas never
/// migrate (a Job does), so without this a new pod would go Ready on the old schema and a failed
/// migration Job would stop nothing; with it the rolling update waits for the Job and, if the Job
/// fails, stalls with the old pods serving until its progress deadline.
/// </summary>
internal sealed class SchemaHealthCheck<TContext>(IServiceScopeFactory scopes) : IHealthCheck
    where TContext : DbContext
{
    // The schema only moves forward under a running build, so once it matches there is no need
    // to ask again on every probe.
    private volatile bool _current;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_current)
        {
            return HealthCheckResult.Healthy();
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // Before the first migration there is no history table; asking for it then would log a
        // failed command on every probe.
        var pending = await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken)
            ? (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList()
            : db.Database.GetMigrations().ToList();
        if (pending.Count == 0)
        {
            _current = true;
            return HealthCheckResult.Healthy();
        }

        return new HealthCheckResult(context.Registration.FailureStatus,
            $"{pending.Count} migration(s) not applied yet; the release's migration Job applies them.",
            data: new Dictionary<string, object> { ["pending"] = pending });
    }
}
