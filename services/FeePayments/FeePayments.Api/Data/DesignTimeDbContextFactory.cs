using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FeePayments.Api.Data;

/// <summary>For <c>dotnet ef migrations</c> only: the tool never connects, so a placeholder connection string does.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<FeePaymentsDbContext>
{
    public FeePaymentsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FeePaymentsDbContext>()
            .UseNpgsql("Host=localhost;Database=payments_design;Username=design;Password=design")
            .UseSnakeCaseNamingConvention()
            .Options);
}
