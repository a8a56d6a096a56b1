namespace Notifications.Api.Data;

internal sealed class DesignTimeDbContextFactory : DesignTimeServiceDbContextFactory<NotificationsDbContext>;
