using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CompanyRegistry.Api.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without the app's configuration; it never connects.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CompanyRegistryDbContext>
{
    public CompanyRegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CompanyRegistryDbContext>()
            .UseNpgsql("Host=localhost;Database=registry_design;Username=design;Password=design")
            .Options);
}
