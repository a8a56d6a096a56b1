namespace Notifications.Api.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<FeedItem> FeedItems => Set<FeedItem>();
    public DbSet<CompanyOwner> CompanyOwners => Set<CompanyOwner>();
    public DbSet<ApplicationLink> ApplicationLinks => Set<ApplicationLink>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<CompanyContact> CompanyContacts => Set<CompanyContact>();
    public DbSet<LicenceRecord> Licences => Set<LicenceRecord>();
    public DbSet<EmailMessage> EmailMessages => Set<EmailMessage>();
}
