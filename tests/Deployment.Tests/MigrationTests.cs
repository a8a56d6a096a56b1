using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Migrations_run_once_in_a_job_not_in_every_replica(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        foreach (var deployment in rendered.DaprDeployments)
        {
            var name = deployment.Str("metadata.name")!;
            var app = OverlayMerger.Containers(deployment).Single();
            var appEnv = rendered.Environment(app);
            appEnv["Database__MigrateOnStartup"].Should().Be("false", name);
            appEnv.Should().NotContainKey("Database__MigrateOnly");
            appEnv["ConnectionStrings__Database"].Should().StartWith("secret:", $"{name} reads its connection string from a Secret");

            var job = rendered.Get("Job", name + "-migrate");
            job.Str("spec.template.metadata.annotations.dapr.io/enabled").Should().Be("false", "a sidecar would keep the Job running");
            job.Str("spec.template.spec.restartPolicy").Should().BeOneOf("OnFailure", "Never");
            var migrate = OverlayMerger.Containers(job).Single();
            migrate.Str("image").Should().Be(app.Str("image"), "the Job migrates with the release it precedes");
            var jobEnv = rendered.Environment(migrate);
            jobEnv["Database__MigrateOnly"].Should().Be("true");
            jobEnv["ConnectionStrings__Database"].Should().Be(appEnv["ConnectionStrings__Database"]);
        }
    }
}
