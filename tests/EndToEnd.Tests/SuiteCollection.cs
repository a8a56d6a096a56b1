[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace EndToEnd.Tests;

/// <summary>One suite (tests/G2B.Testing/Suite, with the end-to-end additions of <see cref="EndToEndSuite"/>) for every end-to-end test.</summary>
[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<EndToEndSuite>
{
    public const string Name = "suite";
}
