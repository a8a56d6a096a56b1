using StackExchange.Redis;

namespace G2B.DaprSidecar.Delivery;

/// <summary>The Redis Streams commands pubsub.redis uses, in the shapes StackExchange.Redis does not offer.</summary>
public static class StreamReading
{
    /// <summary>XGROUP CREATE topic group 0 MKSTREAM: a new group starts at the beginning, as pubsub.redis does.</summary>
    public static async Task EnsureGroupAsync(IDatabase db, string topic, string group)
    {
        try
        {
            await db.StreamCreateConsumerGroupAsync(topic, group, "0", createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // Exists already: fine, that is the normal restart case.
        }
    }

    /// <summary>XREADGROUP ... BLOCK on several streams at once; an empty list when the block timed out.</summary>
    public static async Task<List<StreamMessage>> ReadNewAsync(
        IDatabase db, string group, string consumer, IReadOnlyList<string> topics, int count, TimeSpan block)
    {
        var args = new List<object> { "GROUP", group, consumer, "COUNT", count, "BLOCK", (long)block.TotalMilliseconds, "STREAMS" };
        args.AddRange(topics);
        args.AddRange(topics.Select(_ => ">"));
        var result = await db.ExecuteAsync("XREADGROUP", args);
        var messages = new List<StreamMessage>();
        if (result.IsNull || result.Resp2Type != ResultType.Array)
        {
            return messages;
        }

        foreach (var stream in (RedisResult[])result!)
        {
            var pair = (RedisResult[])stream!;
            var topic = (string)pair[0]!;
            foreach (var entry in (RedisResult[])pair[1]!)
            {
                var parts = (RedisResult[])entry!;
                messages.Add(FromFields(topic, (string)parts[0]!, parts[1].IsNull ? [] : (RedisResult[])parts[1]!));
            }
        }

        return messages;
    }

    public static StreamMessage FromEntry(string topic, StreamEntry entry)
    {
        byte[]? data = null;
        string? metadata = null;
        foreach (var field in entry.Values)
        {
            if (field.Name == "data")
            {
                data = field.Value;
            }
            else if (field.Name == "metadata")
            {
                metadata = field.Value;
            }
        }

        return new StreamMessage(topic, entry.Id!, data, metadata);
    }

    private static StreamMessage FromFields(string topic, string id, RedisResult[] fields)
    {
        byte[]? data = null;
        string? metadata = null;
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            switch ((string)fields[i]!)
            {
                case "data":
                    data = (byte[])fields[i + 1]!;
                    break;
                case "metadata":
                    metadata = (string)fields[i + 1]!;
                    break;
            }
        }

        return new StreamMessage(topic, id, data, metadata);
    }
}
