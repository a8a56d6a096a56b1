using System.Text.Json;

namespace G2B.Eventing;

/// <summary>The one wire format of events: System.Text.Json web defaults (camelCase, case-insensitive reads).</summary>
public static class EventingJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
