using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenceApplications.Api.Data.Migrations;

/// <summary>
/// The catalogue the service ships with (fees in TMT, NACE Rev. 2 classes). Plain SQL rather than
/// HasData: seeded primitive collections make EF report pending model changes forever. A change to
/// the catalogue is a new migration like this one.
/// </summary>
[DbContext(typeof(LicenceApplicationsDbContext))]
[Migration("20261127233500_SeedLicenceTypes")]
public partial class SeedLicenceTypes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            INSERT INTO licence_types (code, name, fee, currency, validity_months, requires_review, eligible_activity_codes) VALUES
            ('RETAIL-TRADE', 'Retail trade licence', 500.00, 'TMT', 12, false,
                ARRAY['47.11', '47.19', '47.21', '47.41', '47.51', '47.71', '47.91']),
            ('FOOD-SERVICE', 'Food service (restaurants, catering, bars)', 750.00, 'TMT', 12, false,
                ARRAY['56.10', '56.21', '56.29', '56.30']),
            ('PHARMACY', 'Pharmacy licence', 2500.00, 'TMT', 36, true,
                ARRAY['47.73']),
            ('CONSTRUCTION', 'Construction works licence', 3000.00, 'TMT', 60, true,
                ARRAY['41.20', '42.11', '42.21', '42.22', '42.91', '42.99', '43.11', '43.21', '43.22', '43.99']),
            ('PASSENGER-TRANSPORT', 'Passenger road transport licence', 1200.00, 'TMT', 24, true,
                ARRAY['49.31', '49.32', '49.39']),
            ('PRIVATE-EDUCATION', 'Private education licence', 1500.00, 'TMT', 60, true,
                ARRAY['85.10', '85.20', '85.31', '85.32', '85.41', '85.42', '85.51', '85.52', '85.59']),
            ('ALCOHOL-RETAIL', 'Retail sale of alcoholic beverages', 4000.00, 'TMT', 12, true,
                ARRAY['47.11', '47.25', '56.30']),
            -- No activity codes: any company may apply.
            ('ADVERTISING', 'Outdoor advertising permit', 300.00, 'TMT', 12, false,
                ARRAY[]::text[]);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DELETE FROM licence_types WHERE code IN ('RETAIL-TRADE', 'FOOD-SERVICE', 'PHARMACY', 'CONSTRUCTION',
                'PASSENGER-TRANSPORT', 'PRIVATE-EDUCATION', 'ALCOHOL-RETAIL', 'ADVERTISING');
            """);
    }
}
