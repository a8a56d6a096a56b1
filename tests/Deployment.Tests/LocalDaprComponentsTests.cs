using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

/// <summary>
/// tools/dapr/components is what `dapr run --resources-path` and the local sidecar
/// (tools/G2B.DaprSidecar) read: the same timeout rule as the cluster's components holds there.
/// </summary>
public sealed class LocalDaprComponentsTests
{
    private static readonly List<Dictionary<string, object?>> Resources = Directory
        .EnumerateFiles(RepoPaths.Path("tools", "dapr", "components"), "*.yaml")
        .SelectMany(Yaml.LoadFile).ToList();

    [Fact]
    public void A_local_redis_message_is_not_reclaimed_while_the_runtime_still_retries_it()
    {
        var component = Resources.Should().ContainSingle(r => r.Str("kind") == "Component" && r.Str("spec.type") == "pubsub.redis").Subject;
        var resiliency = Resources.Should().ContainSingle(r => r.Str("kind") == "Resiliency").Subject;

        resiliency.Str($"spec.targets.components.{component.Str("metadata.name")}.inbound.timeout")
            .Should().NotBeNull("without a per-try timeout the retry budget has no bound");
        DaprRuleTests.ExpectNoReclaimDuringRetries(component, resiliency);
    }

    [Fact]
    public void Local_components_are_scoped_to_every_app_with_a_sidecar_in_tye()
    {
        // An app left out of a component's scopes gets no pub/sub at all (its subscriptions are ignored).
        var appIds = TyeTopology.Load().DaprAppIds;
        Resources.Where(r => r.Str("kind") is "Component" or "Resiliency")
            .Should().NotBeEmpty().And.OnlyContain(r => r.Strings("scopes").Count == 0 || appIds.All(r.Strings("scopes").Contains));
    }
}
