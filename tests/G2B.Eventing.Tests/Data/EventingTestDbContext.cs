using G2B.Eventing;
using Microsoft.EntityFrameworkCore.Design;

namespace G2B.Eventing.Tests.Data;

/// <summary>A service's DbContext in miniature: one table of its own plus the eventing tables.</summary>
public sealed class EventingTestDbContext(DbContextOptions<EventingTestDbContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    public DbSet<Tally> Tallies => Set<Tally>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>(note =>
        {
            note.ToTable("notes");
            note.HasKey(n => n.Id);
            note.Property(n => n.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            note.Property(n => n.Text).HasColumnName("text");
        });
        modelBuilder.Entity<Tally>(tally =>
        {
            tally.ToTable("tallies");
            tally.HasKey(t => t.Key);
            tally.Property(t => t.Key).HasColumnName("key");
            tally.Property(t => t.Count).HasColumnName("count");
            // xmin, as the services' aggregates: a write between read and save is a concurrency conflict.
            tally.Property<uint>("RowVersion").IsRowVersion();
        });
        modelBuilder.ApplyEventingModel();
    }
}

public sealed class Note
{
    public long Id { get; set; }

    public required string Text { get; set; }
}

/// <summary>A row two writers update: the handler of <c>tally-bumped</c> and a test's concurrent write.</summary>
public sealed class Tally
{
    public required string Key { get; set; }

    public int Count { get; set; }
}

/// <summary>For <c>dotnet ef migrations add</c> only; never connects.</summary>
public sealed class EventingTestDbContextFactory : IDesignTimeDbContextFactory<EventingTestDbContext>
{
    public EventingTestDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EventingTestDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
