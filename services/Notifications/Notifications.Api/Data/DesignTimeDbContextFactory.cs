using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Notifications.Api.Data;

/// <summary>For <c>dotnet ef migrations</c> only: the tool never connects, so a placeholder connection string does.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<NotificationsDbContext>
{
    public NotificationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NotificationsDbContext>()
            .UseNpgsql("Host=localhost;Database=notifications_design;Username=design;Password=design")
            .UseSnakeCaseNamingConvention()
            .Options);
}
