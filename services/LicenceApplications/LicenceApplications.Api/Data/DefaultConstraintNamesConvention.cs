using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace LicenceApplications.Api.Data;

/// <summary>
/// The snake_case convention also renames keys, foreign keys and indexes (PK_x to pk_x), which would
/// rename constraints the migrations already created. Names no configuration chose go back to EF's
/// defaults (PK_x, FK_x_y_z, IX_x_y), so the convention changes table and column naming only.
/// </summary>
internal sealed class DefaultConstraintNamesConvention : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entity in modelBuilder.Metadata.GetEntityTypes())
        {
            foreach (var key in entity.GetDeclaredKeys().Where(k => k.GetNameConfigurationSource() == ConfigurationSource.Convention))
            {
                key.Builder.HasName(null);
            }

            foreach (var foreignKey in entity.GetDeclaredForeignKeys()
                         .Where(k => k.GetConstraintNameConfigurationSource() == ConfigurationSource.Convention))
            {
                foreignKey.Builder.HasConstraintName(null);
            }

            foreach (var index in entity.GetDeclaredIndexes().Where(i => i.GetDatabaseNameConfigurationSource() == ConfigurationSource.Convention))
            {
                index.Builder.HasDatabaseName(null);
            }
        }
    }
}
