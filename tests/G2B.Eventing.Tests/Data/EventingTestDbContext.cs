using G2B.Eventing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace G2B.Eventing.Tests.Data;

/// <summary>A service's DbContext in miniature: one table of its own plus the eventing tables.</summary>
public sealed class EventingTestDbContext(DbContextOptions<EventingTestDbContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>(note =>
        {
            note.ToTable("notes");
            note.HasKey(n => n.Id);
            note.Property(n => n.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            note.Property(n => n.Text).HasColumnName("text");
        });
        modelBuilder.ApplyEventingModel();
    }
}

public sealed class Note
{
    public long Id { get; set; }

    public required string Text { get; set; }
}

/// <summary>For <c>dotnet ef migrations add</c> only; never connects.</summary>
public sealed class EventingTestDbContextFactory : IDesignTimeDbContextFactory<EventingTestDbContext>
{
    public EventingTestDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EventingTestDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
