using System.Text.RegularExpressions;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

public sealed partial class SecretHygieneTests
{
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void No_secret_object_is_rendered_secrets_are_created_out_of_band(string overlay)
    {
        Kustomize.Render(overlay).OfKind("Secret").Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Secret_looking_settings_come_from_secret_refs(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        foreach (var container in rendered.Deployments.Concat(rendered.OfKind("Job")).SelectMany(OverlayMerger.Containers))
        {
            foreach (var (name, value) in rendered.Environment(container))
            {
                if (SecretName().IsMatch(name))
                {
                    value.Should().StartWith("secret:", $"{name} must come from a Secret");
                }
            }
        }
        foreach (var map in rendered.OfKind("ConfigMap"))
        {
            map.Map("data").Keys.Should().NotContain(k => SecretName().IsMatch(k), $"ConfigMap {map.Str("metadata.name")} holds no secrets");
        }
        foreach (var item in rendered.OfKind("Component").SelectMany(c => c.Maps("spec.metadata")))
        {
            if (SecretName().IsMatch(item.Str("name")!))
            {
                item.At("secretKeyRef").Should().NotBeNull(item.Str("name"));
            }
        }
    }

    [Fact]
    public void No_manifest_file_carries_a_literal_credential()
    {
        var files = Directory.EnumerateFiles(RepoPaths.Path("k8s"), "*", SearchOption.AllDirectories).ToList();
        files.Should().NotBeEmpty();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var relative = Path.GetRelativePath(RepoPaths.Root, file);
            LiteralCredential().Matches(text).Select(m => m.Value).Should().BeEmpty(relative);
            text.Should().NotContainAny(["-----BEGIN", "secretGenerator", "stringData"], relative);
            if (file.EndsWith(".yaml") || file.EndsWith(".yml"))
            {
                Yaml.LoadAll(text).Should().NotContain(o => o.Str("kind") == "Secret", relative);
            }
        }
    }

    [Fact]
    public void The_scanner_recognises_what_it_is_meant_to_reject()
    {
        // Guards the regexes above: a scanner that matches nothing would pass every manifest.
        LiteralCredential().IsMatch("Host=db;Username=app;Password=hunter2").Should().BeTrue();
        LiteralCredential().IsMatch("token: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl").Should().BeTrue();
        LiteralCredential().IsMatch("password: c3VwZXItc2VjcmV0LXZhbHVlLWJhc2U2NA==").Should().BeTrue();
        LiteralCredential().IsMatch("secretKeyRef: { name: g2b-redis, key: password }").Should().BeFalse();
        SecretName().IsMatch("Banks__DEMOBANK__Secrets__0").Should().BeTrue();
        SecretName().IsMatch("Banks__DEMOBANK__BaseUrl").Should().BeFalse();
    }

    // Setting names that hold credentials (connection strings carry passwords).
    [GeneratedRegex(@"(?i)(password|secret|token|apikey|api_key|connectionstrings__)")]
    private static partial Regex SecretName();

    // A password inside a connection string, a JWT, or a long base64 blob given to a credential key.
    [GeneratedRegex(@"(?i)(password\s*=\s*[^;$\s""']+|eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]+|(password|token|secret)\s*:\s*[""']?[A-Za-z0-9+/]{24,}={0,2})")]
    private static partial Regex LiteralCredential();
}
