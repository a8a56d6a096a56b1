using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2B.ServiceDefaults;

/// <summary>
/// A <see cref="PeriodicJob"/> whose pass is a scoped service (one that uses the DbContext): each round resolves
/// <typeparamref name="TPass"/> in a scope of its own, runs it, and disposes the scope.
/// </summary>
public abstract class ScopedPeriodicJob<TPass>(IServiceScopeFactory scopes, TimeProvider time, ILogger logger)
    : PeriodicJob(time, logger)
    where TPass : notnull
{
    protected abstract Task RunPassAsync(TPass pass, CancellationToken ct);

    protected sealed override async Task RunPassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await RunPassAsync(scope.ServiceProvider.GetRequiredService<TPass>(), ct);
    }
}
