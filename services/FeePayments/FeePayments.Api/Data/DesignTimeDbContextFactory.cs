namespace FeePayments.Api.Data;

internal sealed class DesignTimeDbContextFactory : DesignTimeServiceDbContextFactory<FeePaymentsDbContext>;
