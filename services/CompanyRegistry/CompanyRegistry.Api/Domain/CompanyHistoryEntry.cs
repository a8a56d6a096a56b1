using System.Text.Json;

namespace CompanyRegistry.Api.Domain;

/// <summary>One change to a company, written in the same transaction as the change itself.</summary>
public sealed class CompanyHistoryEntry
{
    private CompanyHistoryEntry()
    {
    }

    public long Id { get; private set; }
    public long CompanyId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The token subject, or <c>system:&lt;topic&gt;</c> for changes made by an event.</summary>
    public string Actor { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string? Reason { get; private set; }

    /// <summary>JSON object: what changed (a snapshot at registration, from/to pairs later).</summary>
    public string Changes { get; private set; } = "{}";

    public static CompanyHistoryEntry Create(DateTimeOffset at, string actor, string action, string? reason, IDictionary<string, object?> changes) =>
        new()
        {
            OccurredAt = at,
            Actor = actor,
            Action = action,
            Reason = reason,
            Changes = JsonSerializer.Serialize(changes, JsonSerializerOptions.Web),
        };
}
