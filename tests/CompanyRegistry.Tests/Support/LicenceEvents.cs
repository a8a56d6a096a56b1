using LicenceApplications.Contracts;

namespace CompanyRegistry.Tests.Support;

public static class LicenceEvents
{
    private static readonly DateOnly ValidFrom = new(2026, 1, 1);

    public static LicenceIssuedIntegrationEvent Issued(string registrationNumber, string licenceNumber, string licenceType, long version = 1) =>
        new(licenceNumber, Guid.NewGuid(), registrationNumber, licenceType, "Active", DateTimeOffset.UtcNow, ValidFrom, ValidFrom.AddYears(1), version);

    public static LicenceStatusChangedIntegrationEvent Changed(
        string registrationNumber, string licenceNumber, string licenceType, string from, string to, long version) =>
        new(licenceNumber, registrationNumber, licenceType, from, to, "test", ValidFrom.AddYears(1), version, DateTimeOffset.UtcNow);

    public static LicenceRenewedIntegrationEvent Renewed(
        string registrationNumber, string licenceNumber, string licenceType, DateOnly from, DateOnly to, long version) =>
        new(licenceNumber, Guid.NewGuid(), registrationNumber, licenceType, "Active", from, to, version, DateTimeOffset.UtcNow);
}
