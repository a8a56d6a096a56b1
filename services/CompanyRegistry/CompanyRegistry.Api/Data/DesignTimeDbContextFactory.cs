namespace CompanyRegistry.Api.Data;

internal sealed class DesignTimeDbContextFactory : DesignTimeServiceDbContextFactory<CompanyRegistryDbContext>;
