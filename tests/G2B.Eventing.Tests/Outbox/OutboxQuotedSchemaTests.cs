namespace G2B.Eventing.Tests.Outbox;

/// <summary>
/// The outbox's hand-written SQL takes its table name from the model, schema included; a service's
/// default schema may hold a quote, which must not break numbering rows or claiming them.
/// </summary>
public sealed class OutboxQuotedSchemaTests
{
    private sealed class QuotedSchemaDbContext(DbContextOptions<QuotedSchemaDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.HasDefaultSchema("tenant's").ApplyEventingModel();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rows_are_numbered_and_claimed_in_a_schema_whose_name_has_a_quote(bool sync)
    {
        var options = new DbContextOptionsBuilder<QuotedSchemaDbContext>()
            .UseNpgsql(await TestPostgres.CreateDatabaseAsync("outbox_quoted_schema"))
            .AddInterceptors(new OutboxSignalInterceptor<QuotedSchemaDbContext>(new OutboxSignal<QuotedSchemaDbContext>()))
            .Options;
        await using var db = new QuotedSchemaDbContext(options);
        await db.Database.EnsureCreatedAsync();
        var events = Enumerable.Range(0, 3).Select(i => new NoteWrittenIntegrationEvent($"q{i}")).ToList();
        events.ForEach(e => db.AddIntegrationEvent(e, "k"));

        if (sync)
        {
            db.SaveChanges();
        }
        else
        {
            await db.SaveChangesAsync();
        }

        var rows = await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Sequence).ToListAsync();
        rows.Select(r => r.Id).Should().Equal(events.Select(e => e.Id));
        rows.Select(r => r.Sequence).Should().Equal(1, 2, 3);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var claimed = await OutboxClaims.ClaimAsync(db, DateTimeOffset.UtcNow, 10, CancellationToken.None);
        claimed.Select(h => h.Id).Should().Equal(events.Select(e => e.Id));
    }
}
