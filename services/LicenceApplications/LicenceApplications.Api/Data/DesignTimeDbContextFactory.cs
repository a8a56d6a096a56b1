namespace LicenceApplications.Api.Data;

internal sealed class DesignTimeDbContextFactory : DesignTimeServiceDbContextFactory<LicenceApplicationsDbContext>;
