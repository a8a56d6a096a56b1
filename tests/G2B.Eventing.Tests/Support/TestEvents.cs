using G2B.IntegrationEvents;

namespace G2B.Eventing.Tests.Support;

public sealed record NoteWrittenIntegrationEvent(string Text) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "note-written";

    public static string EventType => "g2b.tests.note-written.v1";
}
