using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using G2B.DaprSidecar.Publishing;

namespace G2B.DaprSidecar.Hosting;

/// <summary>
/// Every type the sidecar writes or reads as JSON, generated at build time so the Native AOT binary needs no
/// reflection. Two contexts because the wire had two option sets: the HTTP API's answers were written with ASP.NET
/// Core's web defaults (camelCase names), the Redis fields and app deliveries with the serializer's plain defaults.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(HttpBulkPublishApi.BulkErrorBody))]
[JsonSerializable(typeof(MetadataBody))]
internal sealed partial class SidecarHttpJson : JsonSerializerContext;

/// <inheritdoc cref="SidecarHttpJson"/>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class SidecarWireJson : JsonSerializerContext;

/// <summary>GET /v1.0/metadata as daprd answers it (the names are daprd's, spelled out).</summary>
public sealed record MetadataBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("runtimeVersion")] string RuntimeVersion,
    [property: JsonPropertyName("enabledFeatures")] IReadOnlyList<string> EnabledFeatures,
    [property: JsonPropertyName("components")] IReadOnlyList<MetadataComponent> Components,
    [property: JsonPropertyName("subscriptions")] IReadOnlyList<MetadataSubscription> Subscriptions,
    [property: JsonPropertyName("appConnectionProperties")] MetadataAppConnection AppConnectionProperties,
    [property: JsonPropertyName("extended")] IReadOnlyDictionary<string, string> Extended);

public sealed record MetadataComponent(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("capabilities")] IReadOnlyList<string> Capabilities);

public sealed record MetadataSubscription(
    [property: JsonPropertyName("pubsubname")] string PubSubName,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("deadLetterTopic")] string DeadLetterTopic,
    [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, string> Metadata,
    [property: JsonPropertyName("rules")] IReadOnlyList<MetadataRule> Rules,
    [property: JsonPropertyName("type")] string Type);

public sealed record MetadataRule(
    [property: JsonPropertyName("match")] string Match,
    [property: JsonPropertyName("path")] string Path);

public sealed record MetadataAppConnection(
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("channelAddress")] string ChannelAddress,
    [property: JsonPropertyName("maxConcurrency")] int MaxConcurrency);
