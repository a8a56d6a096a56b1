namespace Portal.Tests;

/// <summary>The repository the tests run from (the real files, not copies in the build output).</summary>
internal static class Repo
{
    private static readonly Lazy<string> _root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "G2B.Licensing.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("G2B.Licensing.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string Root => _root.Value;

    public static string Portal => Path.Combine(Root, "services", "Portal", "Portal");

    public static string Path2(params string[] parts) => Path.Combine([Root, .. parts]);
}
