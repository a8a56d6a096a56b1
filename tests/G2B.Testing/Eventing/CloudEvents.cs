using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using G2B.Eventing;
using G2B.IntegrationEvents;

namespace G2B.Testing;

/// <summary>
/// Deliveries the way daprd posts them: a structured CloudEvent whose <c>data</c> is the event in the wire
/// format (<see cref="EventingJson"/>), POSTed to the topic's route. The one envelope every test project uses.
/// </summary>
public static class CloudEvents
{
    /// <summary>An integration event on its own topic, with its own type and id.</summary>
    public static HttpContent For<TEvent>(TEvent evt)
        where TEvent : IntegrationEvent, ITopicEvent =>
        For(evt, TEvent.Topic, TEvent.EventType);

    /// <summary>Any body on a chosen topic and type; an integration event keeps its id, anything else gets a new one.</summary>
    public static HttpContent For<TEvent>(TEvent evt, string topic, string type) =>
        Envelope(
            JsonSerializer.SerializeToElement(evt, EventingJson.Options), topic, type,
            evt is IntegrationEvent e ? e.Id.ToString() : Guid.NewGuid().ToString());

    public static HttpContent Envelope(JsonElement data, string topic, string type, string id)
    {
        var envelope = new Dictionary<string, object?>
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = "tests",
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

    /// <summary>POSTs <paramref name="evt"/> to <c>/events/{topic}</c>, the route the sidecar delivers it to.</summary>
    public static Task<HttpResponseMessage> DeliverAsync<TEvent>(this HttpClient client, TEvent evt)
        where TEvent : IntegrationEvent, ITopicEvent =>
        client.PostAsync($"/events/{TEvent.Topic}", For(evt));
}
