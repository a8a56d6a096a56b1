using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

public sealed class RenderingTests
{
    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_renders_every_workload_once(string overlay)
    {
        var rendered = Kustomize.Render(overlay);

        rendered.Objects.Select(o => $"{o.Str("kind")}/{o.Str("metadata.name")}").Should().OnlyHaveUniqueItems();
        rendered.Deployments.Select(d => d.Str("metadata.name"))
            .Should().Contain(RepoPaths.Services.Append("gateway"));
        rendered.Objects.Where(o => o.Str("kind") is not ("Namespace"))
            .Should().OnlyContain(o => o.Str("metadata.namespace") == (overlay == "prod" ? "g2b" : "g2b-" + overlay));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Fallback_merger_agrees_with_kustomize(string overlay)
    {
        var fallback = OverlayMerger.Build(RepoPaths.Overlay(overlay));
        // Where no kustomize is installed the fallback is all there is; it must still render
        // the base's objects plus the overlay's own.
        var reference = Kustomize.RenderWithTool(RepoPaths.Overlay(overlay)) ?? fallback;

        fallback.Select(Key).Should().BeEquivalentTo(reference.Select(Key));
        foreach (var expected in reference)
        {
            var actual = fallback.Single(o => Key(o) == Key(expected));
            Yaml.DeepEquals(actual, expected).Should().BeTrue($"{Key(expected)} should render the same in both");
        }
        fallback.Count.Should().BeGreaterThan(OverlayMerger.Build(RepoPaths.Path("k8s", "base")).Count);
    }

    public static TheoryData<string> Overlays() => new(RepoPaths.Overlays);

    private static string Key(Dictionary<string, object?> o) => $"{o.Str("kind")}/{o.Str("metadata.name")}";
}
