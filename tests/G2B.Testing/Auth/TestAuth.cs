namespace G2B.Testing;

/// <summary>One development issuer per test process, shared by every test class.</summary>
public static class TestAuth
{
    // Left running until the process ends: it holds no files, and a graceful Kestrel stop at exit
    // could wait on keep-alive connections of the apps under test.
    private static readonly Lazy<Task<DevIssuer>> Issuer =
        new(() => DevIssuer.StartAsync(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<DevIssuer> IssuerAsync() => Issuer.Value;
}
