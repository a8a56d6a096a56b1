using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;

namespace Gateway.Tests;

/// <summary>Issue 14, part 6: one OpenAPI 3.1 document of the public surface, checked against docs/api-contract.md.</summary>
public sealed partial class OpenApiDocumentTests
{
    private static async Task<(JsonElement Document, GatewayHost Host)> DocumentAsync(string environment)
    {
        var host = await GatewayHost.StartAsync(configure: b => b.UseEnvironment(environment));
        using var response = await host.CreateClient().GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"the document is public in {environment}");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), host);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task The_document_and_the_Scalar_reference_are_served_without_a_token(string environment)
    {
        var (document, host) = await DocumentAsync(environment);
        await using var owned = host;
        document.GetProperty("openapi").GetString().Should().Be("3.1.0");

        var client = host.CreateClient();
        using var docs = await client.GetAsync("/docs/");
        docs.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await docs.Content.ReadAsStringAsync();
        // What a browser would fetch: the page's script and its document, resolved against the page.
        var source = SourceUrl().Match(page).Groups[1].Value;
        source.Should().EndWith("openapi/v1.json");
        foreach (var asset in new[] { "scalar.js", source })
        {
            using var fetched = await client.GetAsync(new Uri(new Uri("http://localhost/docs/"), asset));
            fetched.StatusCode.Should().Be(HttpStatusCode.OK, asset);
        }

        host.Downstreams.Values.Should().AllSatisfy(d => d.LogEntries.Should().BeEmpty("the gateway answers these itself"));
    }

    [Fact]
    public async Task Every_path_method_and_status_code_of_the_contract_is_in_the_document()
    {
        var (document, host) = await DocumentAsync("Production");
        await using var owned = host;
        var operations = new Dictionary<string, HashSet<string>>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                operations[$"{method.Name.ToUpperInvariant()} {Normalize(path.Name)}"] =
                    [.. method.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name)];
            }
        }

        var contract = Contract();
        var missing = new List<string>();
        foreach (var (operation, codes) in contract.Operations)
        {
            if (!operations.TryGetValue(operation, out var documented))
            {
                missing.Add(operation);
                continue;
            }

            missing.AddRange(codes.Where(c => !documented.Contains(c) && !NotTheirs.Contains($"{operation} {c}")).Select(c => $"{operation} {c}"));
        }

        missing.Should().BeEmpty("every operation and status code of docs/api-contract.md is documented");
        contract.Operations.Should().HaveCountGreaterThan(25, "the contract's operations were found");
        var allCodes = operations.Values.SelectMany(c => c).ToHashSet();
        contract.AllCodes.Where(c => !allCodes.Contains(c)).Should().BeEmpty("every status code the contract names appears");
    }

    [Fact]
    public async Task Bank_endpoints_describe_their_signature_and_webhook_payloads_are_described()
    {
        var (document, host) = await DocumentAsync("Production");
        await using var owned = host;
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("bankSignature").GetProperty("description").GetString().Should()
            .Contain("HMAC-SHA256").And.Contain("t=<unix seconds>,v1=<hex>").And.Contain("300 s");
        var payments = document.GetProperty("paths").GetProperty("/bank/v1/payments").GetProperty("post");
        payments.GetProperty("security")[0].TryGetProperty("bankSignature", out _).Should().BeTrue();

        var webhook = document.GetProperty("webhooks").GetProperty("event").GetProperty("post");
        webhook.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString())
            .Should().BeEquivalentTo(["webhook-id", "webhook-timestamp", "webhook-signature"]);
        document.GetProperty("components").GetProperty("schemas").GetProperty("WebhookPayload").GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["type", "timestamp", "data"]);
    }

    // A code a bullet names about another operation: the catalogue's bullet says applying (POST
    // /api/applications, which documents it) is 422 activity-not-eligible.
    private static readonly HashSet<string> NotTheirs = ["GET /api/licence-types 422"];

    private sealed record ContractOperations(Dictionary<string, HashSet<string>> Operations, HashSet<string> AllCodes);

    /// <summary>Each bullet of the contract (with its indented continuation) names operations and the status codes they answer.</summary>
    private static ContractOperations Contract()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "docs", "api-contract.md")))
        {
            dir = dir.Parent;
        }

        var text = File.ReadAllText(Path.Combine(dir.FullName, "docs", "api-contract.md"));
        var operations = new Dictionary<string, HashSet<string>>();
        foreach (var bullet in Regex.Split(text, @"\n(?=- )"))
        {
            var codes = StatusCode().Matches(bullet).Select(m => m.Groups[1].Value).ToHashSet();
            foreach (Match op in Operation().Matches(bullet))
            {
                var path = Normalize(op.Groups[2].Value);
                var names = new List<string> { $"{op.Groups[1].Value} {path}" };
                // "`POST /x/suspend` and `/reinstate`": the sibling shares the parent path.
                names.AddRange(Sibling().Matches(bullet[(op.Index + op.Length)..].Split('\n')[0])
                    .Select(s => $"{op.Groups[1].Value} {path[..path.LastIndexOf('/')]}/{s.Groups[1].Value}"));
                foreach (var name in names)
                {
                    operations[name] = [.. operations.GetValueOrDefault(name) ?? [], .. codes];
                }
            }
        }

        return new ContractOperations(operations, StatusCode().Matches(text).Select(m => m.Groups[1].Value).ToHashSet());
    }

    private static string Normalize(string path) => PathParameter().Replace(path, "{}");

    [GeneratedRegex(@"`(GET|POST|PUT|PATCH|DELETE) (/[^`\s?]*)")]
    private static partial Regex Operation();

    [GeneratedRegex(@"^` and `/([\w-]+)`")]
    private static partial Regex Sibling();

    [GeneratedRegex(@"`([1-5]\d\d)[ `]")]
    private static partial Regex StatusCode();

    [GeneratedRegex(@"""url"":""([^""]+)""")]
    private static partial Regex SourceUrl();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}
