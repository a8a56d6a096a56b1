using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LicenceApplications.Api.Data;

/// <summary>Lets `dotnet ef` build the model without running Program (which needs real configuration).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LicenceApplicationsDbContext>
{
    public LicenceApplicationsDbContext CreateDbContext(string[] args)
    {
        // Only used to generate migrations; nothing connects with it.
        var options = new DbContextOptionsBuilder<LicenceApplicationsDbContext>()
            .UseNpgsql("Host=localhost;Database=design_time_only")
            .Options;
        return new LicenceApplicationsDbContext(options);
    }
}
