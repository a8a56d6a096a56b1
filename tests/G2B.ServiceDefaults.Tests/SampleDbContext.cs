using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2B.ServiceDefaults.Tests;

public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : DbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Widget>(w =>
        {
            w.ToTable("widgets");
            w.Property(x => x.Id).HasColumnName("id");
            w.Property(x => x.Name).HasColumnName("name");
        });
}

public sealed class Widget
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}

// Written by hand (no snapshot) so the test owns exactly one small migration.
[DbContext(typeof(SampleDbContext))]
[Migration("20260101000000_CreateWidgets")]
public sealed class CreateWidgets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("CREATE TABLE widgets (id serial PRIMARY KEY, name text NOT NULL)");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP TABLE widgets");
}
