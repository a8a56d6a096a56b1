using Microsoft.EntityFrameworkCore;

namespace G2B.Eventing;

/// <summary>Quoted, schema-qualified table names from the model, so hand-written SQL follows a service's default schema.</summary>
internal static class EventingTables
{
    public static string Outbox(DbContext db) => Quoted<OutboxMessage>(db);

    public static string Inbox(DbContext db) => Quoted<InboxMessage>(db);

    private static string Quoted<T>(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{db.GetType().Name} has no {typeof(T).Name}: call modelBuilder.ApplyEventingModel() in OnModelCreating.");
        var schema = entity.GetSchema();
        var table = entity.GetTableName()!;
        return schema is null ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
