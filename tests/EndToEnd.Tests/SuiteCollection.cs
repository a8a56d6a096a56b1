[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace EndToEnd.Tests;

/// <summary>One suite (tests/G2B.Testing/Suite) for every end-to-end test.</summary>
[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
