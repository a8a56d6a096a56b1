using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace G2B.Eventing.Tests.Support;

/// <summary>Builds deliveries the way daprd posts them: a structured CloudEvent with the event as <c>data</c>.</summary>
public static class CloudEvents
{
    public static HttpContent For<TEvent>(TEvent evt, string topic, string type) =>
        Envelope(JsonSerializer.SerializeToElement(evt, EventingJson.Options), topic, type, evt is G2B.IntegrationEvents.IntegrationEvent e ? e.Id.ToString() : Guid.NewGuid().ToString());

    public static HttpContent Envelope(JsonElement data, string topic, string type, string id)
    {
        var envelope = new Dictionary<string, object?>
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = "company-registry",
            ["type"] = type,
            ["datacontenttype"] = "application/json",
            ["topic"] = topic,
            ["pubsubname"] = "pubsub",
            ["data"] = data,
        };
        var content = new StringContent(JsonSerializer.Serialize(envelope), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        return content;
    }
}
