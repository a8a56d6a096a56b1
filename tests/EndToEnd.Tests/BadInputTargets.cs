using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests;

/// <summary>
/// One endpoint with a JSON body: where it is, who calls it, a body of the right shape to spoil,
/// and the fields worth spoiling. State-changing endpoints aim at resources that do not exist (or
/// in a state the action does not apply to), so even a body the service accepts changes nothing.
/// </summary>
public sealed record BodyTarget(string Name, string Path, string? Token, Func<JsonObject> Template, IReadOnlyList<string> Fields)
{
    private const string Placeholder = "__spoiled_field__";

    public override string ToString() => Name;

    /// <summary>The template with one field (a dotted path for nested ones) replaced by raw JSON, or removed.</summary>
    public string With(string field, string? rawJson)
    {
        var body = Template();
        var parts = field.Split('.');
        var owner = parts[..^1].Aggregate(body, (node, part) => node[part]!.AsObject());
        if (rawJson is null)
        {
            owner.Remove(parts[^1]);
        }
        else
        {
            // Spliced in as text: a lone surrogate or 1e400 is nothing a JsonNode would hold.
            owner[parts[^1]] = Placeholder;
            return body.ToJsonString().Replace($"\"{Placeholder}\"", rawJson, StringComparison.Ordinal);
        }

        return body.ToJsonString();
    }
}

public static class BadInputTargets
{
    public static readonly string[] Names =
    [
        "register-company", "apply", "decide", "cancel", "suspend-company", "reinstate-company",
        "dissolve-company", "suspend-licence", "revoke-licence", "dev-token",
    ];

    public static BodyTarget For(string name, BadInputWorld w) => name switch
    {
        "register-company" => new(name, "/api/companies", w.Business, NewCompanyBody,
            ["legalName", "legalForm", "taxId", "address", "address.line1", "address.city", "address.country", "activityCodes"]),
        "apply" => new(name, "/api/applications", w.Business,
            () => new JsonObject { ["registrationNumber"] = w.Company.RegistrationNumber, ["licenceType"] = "NO-SUCH-TYPE" },
            ["registrationNumber", "licenceType"]),
        // The world's application awaits payment, so even a well-formed decision is 409.
        "decide" => new(name, $"/api/applications/{w.Application.ApplicationId}/decision", w.Regulator,
            () => new JsonObject { ["approve"] = true, ["reason"] = "bad input test" }, ["approve", "reason"]),
        "cancel" => new(name, $"/api/applications/{BadInputWorld.MissingApplicationId}/cancel", w.Business, Reason, ["reason"]),
        "suspend-company" => new(name, $"/api/companies/{BadInputWorld.MissingRegistrationNumber}/suspend", w.Regulator, Reason, ["reason"]),
        "reinstate-company" => new(name, $"/api/companies/{w.Company.RegistrationNumber}/reinstate", w.Regulator, Reason, ["reason"]),
        "dissolve-company" => new(name, $"/api/companies/{BadInputWorld.MissingRegistrationNumber}/dissolve", w.Business, Reason, ["reason"]),
        "suspend-licence" => new(name, $"/api/licences/{BadInputWorld.MissingLicenceNumber}/suspend", w.Regulator, Reason, ["reason"]),
        "revoke-licence" => new(name, $"/api/licences/{BadInputWorld.MissingLicenceNumber}/revoke", w.Regulator, Reason, ["reason"]),
        "dev-token" => new(name, "/dev/token", null,
            () => new JsonObject { ["subject"] = "bad-input", ["role"] = "superuser" }, ["subject", "role"]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static JsonObject Reason() => new() { ["reason"] = "bad input test" };

    /// <summary>A registration valid in every field, so spoiling one field is what makes it bad.</summary>
    public static JsonObject NewCompanyBody() => new()
    {
        ["legalName"] = $"Bad Input Trading {RandomNumberGenerator.GetHexString(8)}",
        ["legalForm"] = "LLC",
        ["taxId"] = string.Concat(Enumerable.Range(0, 12).Select(_ => RandomNumberGenerator.GetInt32(10))),
        ["address"] = new JsonObject
        {
            ["line1"] = "1 Test Street", ["line2"] = null, ["city"] = "Ashgabat", ["region"] = null,
            ["postalCode"] = "744000", ["country"] = "TM",
        },
        ["activityCodes"] = new JsonArray("47.11"),
    };
}
