using System.Text;
using Portal.Business;

namespace Portal.Tests;

/// <summary>What the application pages of a browser are told, from what the suite's event stream says.</summary>
public sealed class ApplicationLiveStreamTests
{
    private static readonly Guid Mine = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly Guid Other = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    private static async Task<List<string>> SignalsAsync(string stream)
    {
        var told = new List<string>();
        await foreach (var signal in ApplicationLiveStream.Signals(new MemoryStream(Encoding.UTF8.GetBytes(stream)), CancellationToken.None))
        {
            told.Add(signal);
        }

        return told;
    }

    private static string Event(long id, string type, Guid? applicationId) =>
        $"id: {id}\nevent: {type}\ndata: {{\"id\":\"e{id}\",\"type\":\"{type}\",\"subject\":{{{(applicationId is { } a ? $"\"applicationId\":\"{a}\"" : "\"registrationNumber\":\"REG-1\"")}}},\"data\":{{}}}}\n\n";

    [Fact]
    public async Task An_event_about_an_application_says_changed_with_its_id_and_others_say_nothing()
    {
        var told = await SignalsAsync(
            Event(1, "invoice.issued", Other) + Event(2, "application.status-changed", Mine) + Event(3, "company.registered", null) + Event(4, "invoice.paid", Mine));

        told.Should().Equal($"event: changed\ndata: {Other}\n\n", $"event: changed\ndata: {Mine}\n\n", $"event: changed\ndata: {Mine}\n\n");
    }

    [Fact]
    public async Task Heartbeats_pass_through_so_proxies_keep_the_connection()
    {
        var told = await SignalsAsync(": heartbeat\n\n" + Event(1, "company.registered", null) + ": heartbeat\n\n");

        told.Should().Equal(": heartbeat\n\n", ": heartbeat\n\n");
    }

    [Fact]
    public async Task Data_over_several_lines_is_one_value_and_data_without_a_space_counts()
    {
        var told = await SignalsAsync($"id: 9\ndata:{{\"subject\":\ndata: {{\"applicationId\":\"{Mine}\"}}}}\n\n");

        told.Should().Equal($"event: changed\ndata: {Mine}\n\n");
    }

    [Theory]
    [InlineData("data: not json\n\n")]
    [InlineData("data: [1,2]\n\n")]
    [InlineData("data: {\"subject\":\"x\"}\n\n")]
    [InlineData("data: {\"subject\":{\"applicationId\":42}}\n\n")]
    [InlineData("data: {\"subject\":{\"applicationId\":\"not-a-guid\"}}\n\n")]
    [InlineData("event: application.status-changed\nid: 3\n\n")]
    public async Task Anything_else_is_ignored_without_failing(string stream)
    {
        (await SignalsAsync(stream)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_event_cut_off_by_the_end_of_the_stream_is_not_announced()
    {
        // No blank line after it: per the SSE rules an incomplete event is dropped.
        (await SignalsAsync($"data: {{\"subject\":{{\"applicationId\":\"{Mine}\"}}}}\n")).Should().BeEmpty();
    }
}
