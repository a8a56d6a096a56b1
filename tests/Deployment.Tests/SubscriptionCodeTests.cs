using System.Text.RegularExpressions;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

/// <summary>
/// Subscriptions are declared in code (Dapr.AspNetCore's WithTopic), not in k8s. Dapr 1.17+ acks
/// failed messages, so each must name a dead-letter topic; this scans the source for every
/// WithTopic call. The eventing engineer's tests check the behaviour through /dapr/subscribe.
/// </summary>
public sealed partial class SubscriptionCodeTests
{
    [Fact]
    public void Every_topic_subscription_in_the_source_names_a_dead_letter_topic()
    {
        var calls = new[] { "shared", "services" }
            .SelectMany(dir => Directory.EnumerateFiles(RepoPaths.Path(dir), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => WithTopicCall().Matches(File.ReadAllText(f)).Select(m => (File: f, Call: m.Value)))
            .ToList();

        calls.Should().NotBeEmpty("G2B.Eventing declares the subscriptions");
        foreach (var (file, call) in calls)
        {
            // Either a TopicOptions with DeadLetterTopic, or the dead-letter subscription itself.
            call.Should().Contain("DeadLetterTopic", $"{Path.GetRelativePath(RepoPaths.Root, file)}: {call}");
        }
    }

    // The call and the argument list that follows, up to the closing of a TopicOptions initializer.
    [GeneratedRegex(@"\.WithTopic\((?:[^()]|\((?:[^()])*\))*?(?:\}\s*\)|\))", RegexOptions.Singleline)]
    private static partial Regex WithTopicCall();
}
