using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2B.ServiceDefaults;

/// <summary>The scope's lease of a pooled context, pointed at the connection string configured now.</summary>
internal static class PooledContext
{
    public static TContext Lease<TContext>(IServiceProvider services)
        where TContext : DbContext
    {
        var context = services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
        try
        {
            // The setting is still read per context, as before pooling: a changed one (a test's outage, say) is used
            // by the next scope. Usually the same string, compared by reference first.
            var current = ServiceDatabaseExtensions.ConnectionString(services);
            if (!string.Equals(context.Database.GetConnectionString(), current, StringComparison.Ordinal))
            {
                context.Database.SetConnectionString(current);
            }

            return context;
        }
        catch
        {
            context.Dispose(); // back to the pool: the scope never got it, so nothing else would
            throw;
        }
    }
}
