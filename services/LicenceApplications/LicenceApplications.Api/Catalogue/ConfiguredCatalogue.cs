using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LicenceApplications.Api.Catalogue;

public static class ConfiguredCatalogueExtensions
{
    /// <summary>
    /// Binds and validates <c>Catalogue</c> at start and writes its types into licence_types after the migrations.
    /// Call after <c>AddServiceDatabase</c>: hosted services start in registration order.
    /// </summary>
    public static WebApplicationBuilder AddConfiguredCatalogue(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogueOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                CatalogueOptions.Bind(configuration.GetSection(CatalogueOptions.SectionName), options))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CatalogueOptions>, CatalogueOptionsValidator>();
        builder.Services.AddHostedService<ConfiguredCatalogue>();
        return builder;
    }
}

/// <summary>
/// Writes the configured licence types into the catalogue table (applications and licences refer to
/// them there), inserting a new code and replacing the values of an existing one. It runs where the
/// migrations run: at start-up locally, in the migration Job on Kubernetes (the Deployments, started
/// with <c>Database:MigrateOnStartup=false</c>, leave the database alone). A type removed from
/// configuration stays in the catalogue with its last values: licences of it may exist.
/// </summary>
internal sealed class ConfiguredCatalogue(
    IServiceScopeFactory scopes, IConfiguration configuration, IOptions<CatalogueOptions> options, ILogger<ConfiguredCatalogue> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The same switches as the migrator's (G2B.ServiceDefaults DatabaseMigrator).
        var writes = configuration.GetValue("Database:MigrateOnly", false) || configuration.GetValue("Database:MigrateOnStartup", true);
        if (options.Value.Types.Count == 0 || !writes)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LicenceApplicationsDbContext>();
        foreach (var (code, configured) in options.Value.Types.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var changed = await UpsertAsync(db, ToLicenceType(code, configured), cancellationToken);
            logger.LogInformation("Catalogue: licence type {Code} from configuration {Outcome}", code, changed ? "written" : "unchanged");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static LicenceType ToLicenceType(string code, ConfiguredLicenceType configured)
    {
        // A shipped type's defaults, so a configured type differs from one only where it says so.
        var defaults = new LicenceType();
        return new LicenceType
        {
            Code = code,
            Name = configured.Name!.Trim(),
            Fee = configured.Fee!.Value,
            Currency = configured.Currency ?? defaults.Currency,
            ValidityMonths = configured.ValidityMonths!.Value,
            RequiresReview = configured.RequiresReview,
            EligibleActivityCodes = [.. configured.EligibleActivityCodes],
            RenewalWindowDays = configured.RenewalWindowDays ?? defaults.RenewalWindowDays,
            RenewalGraceDays = configured.RenewalGraceDays ?? defaults.RenewalGraceDays,
            ReviewDays = configured.ReviewDays ?? defaults.ReviewDays,
            RequiredDocuments = [.. configured.RequiredDocuments],
        };
    }

    /// <summary>One statement, so replicas starting together cannot collide; an identical row is not rewritten.</summary>
    private static async Task<bool> UpsertAsync(LicenceApplicationsDbContext db, LicenceType t, CancellationToken ct)
    {
        var codes = t.EligibleActivityCodes.ToArray();
        var documents = t.RequiredDocuments.ToArray();
        var rows = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO licence_types (code, name, fee, currency, validity_months, requires_review, eligible_activity_codes,
                renewal_window_days, renewal_grace_days, review_days, required_documents)
            VALUES ({t.Code}, {t.Name}, {t.Fee}, {t.Currency}, {t.ValidityMonths}, {t.RequiresReview}, {codes},
                {t.RenewalWindowDays}, {t.RenewalGraceDays}, {t.ReviewDays}, {documents})
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, fee = EXCLUDED.fee, currency = EXCLUDED.currency,
                validity_months = EXCLUDED.validity_months, requires_review = EXCLUDED.requires_review,
                eligible_activity_codes = EXCLUDED.eligible_activity_codes, renewal_window_days = EXCLUDED.renewal_window_days,
                renewal_grace_days = EXCLUDED.renewal_grace_days, review_days = EXCLUDED.review_days,
                required_documents = EXCLUDED.required_documents
            WHERE (licence_types.*) IS DISTINCT FROM (EXCLUDED.*)
            """, ct);
        return rows > 0;
    }
}
