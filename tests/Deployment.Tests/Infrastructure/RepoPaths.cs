namespace Deployment.Tests.Infrastructure;

/// <summary>Locates the repository from the test binaries, so the tests read the real files.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> _root = new(FindRoot);

    public static string Root => _root.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static IReadOnlyList<string> Overlays { get; } = ["dev", "prod"];

    /// <summary>The Deployments with a Dapr sidecar and a database (the gateway has neither).</summary>
    public static IReadOnlyList<string> Services { get; } = ["company-registry", "licence-applications", "fee-payments", "notifications"];

    public static string Overlay(string name) => Path("k8s", "overlays", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "G2B.Licensing.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("G2B.Licensing.slnx not found above " + AppContext.BaseDirectory);
    }
}
