using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>
/// One endpoint with a JSON body: where it is, who calls it, a body of the right shape to spoil,
/// and the fields worth spoiling. State-changing endpoints aim at resources that do not exist (or
/// in a state the action does not apply to), so even a body the service accepts changes nothing.
/// <paramref name="ValidatesFirst"/>: the body is checked before the resource is looked up, so a
/// spoiled field is exactly <c>400 validation</c> (not the 404 or 409 the well-formed template gets).
/// </summary>
public sealed record BodyTarget(
    string Name, string Path, string? Token, Func<JsonObject> Template, IReadOnlyList<string> Fields,
    string Method = "POST", bool ValidatesFirst = false)
{
    public HttpMethod HttpMethod => new(Method);

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
        "amend-company", "renew-licence", "surrender-licence", "request-information", "respond-information",
        "withdraw", "appeal",
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
        // Issue 13. A well-formed amendment of a company that does not exist is 404; every field is checked first.
        "amend-company" => new(name, $"/api/companies/{BadInputWorld.MissingRegistrationNumber}", w.Business, Amendment,
            ["legalName", "address", "address.line1", "address.city", "address.country", "activityCodes", "contactEmail", "preferredLanguage"],
            "PATCH", ValidatesFirst: true),
        // Renew and withdraw take no body: whatever is sent, the missing licence is 404 and the unpaid application 409.
        "renew-licence" => new(name, $"/api/licences/{BadInputWorld.MissingLicenceNumber}/renew", w.Business, Reason, []),
        "surrender-licence" => new(name, $"/api/licences/{BadInputWorld.MissingLicenceNumber}/surrender", w.Business, Reason,
            ["reason"], ValidatesFirst: true),
        // The world's application awaits payment: no question, answer, withdrawal or appeal applies (409).
        "request-information" => new(name, $"/api/applications/{w.Application.ApplicationId}/information-requests", w.Regulator,
            () => new JsonObject { ["message"] = "Send the floor plan." }, ["message"], ValidatesFirst: true),
        "respond-information" => new(name, $"/api/applications/{w.Application.ApplicationId}/information-responses", w.Business,
            () => new JsonObject { ["message"] = "Attached.", ["documentIds"] = new JsonArray() }, ["message", "documentIds"], ValidatesFirst: true),
        "withdraw" => new(name, $"/api/applications/{w.Application.ApplicationId}/withdraw", w.Business, Reason, []),
        "appeal" => new(name, $"/api/applications/{w.Application.ApplicationId}/appeal", w.Business,
            () => new JsonObject { ["grounds"] = "The premises were inspected." }, ["grounds"], ValidatesFirst: true),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static JsonObject Reason() => new() { ["reason"] = "bad input test" };

    /// <summary>Every amendable field, each valid: so spoiling one is what makes the patch bad.</summary>
    private static JsonObject Amendment() => new()
    {
        ["legalName"] = "Bad Input Amended Trading",
        ["address"] = new JsonObject { ["line1"] = "2 Test Street", ["city"] = "Mary", ["country"] = "TM" },
        ["activityCodes"] = new JsonArray("47.11"),
        ["contactEmail"] = "owner@example.tm",
        ["preferredLanguage"] = "tk",
    };

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

/// <summary>An endpoint with an identifier in its path: <c>{id}</c> in <see cref="Template"/> is where a hostile segment goes.</summary>
public sealed partial record PathRoute(
    string Method, string Template, string? Token, string? Body = null, bool Bank = false, string ContentType = "application/json")
{
    /// <summary>A small, well-formed upload of a real PDF signature.</summary>
    public const string PdfUpload =
        "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" +
        "%PDF-1.7\n%%EOF\n\r\n--b0undary--\r\n";

    public HttpMethod HttpMethod => new(Method);

    public string PathWith(string segment) => Template.Replace("{id}", segment, StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Template}";

    /// <summary>
    /// The route without the ids of this run's world (each run registers its own), so a sweep seeded
    /// from it draws the same samples every run.
    /// </summary>
    public string Shape => $"{Method} {Guids().Replace(Template, "{world}")}";

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guids();

    /// <summary>
    /// Every route that takes an identifier, as each kind of caller reaches it. The bodies are well formed, so
    /// the identifier is what is wrong; none can change anything, as no hostile segment names a real resource.
    /// </summary>
    public static IReadOnlyList<PathRoute> All(BadInputWorld w)
    {
        const string reason = "{\"reason\":\"bad input test\"}";
        var application = w.Application.ApplicationId;
        return
        [
            new("GET", "/api/companies/{id}", w.Regulator),
            new("GET", "/api/companies/{id}", w.Business),
            new("GET", "/api/companies/{id}", null),
            new("GET", "/api/companies/{id}/history", w.Regulator),
            new("GET", "/api/applications/{id}", w.Regulator),
            new("GET", "/api/applications/{id}", w.Business),
            new("GET", "/api/licences/{id}", w.Regulator),
            new("GET", "/api/invoices/{id}", w.Business),
            new("GET", "/api/invoices/{id}", w.Regulator),
            new("GET", "/verify/licences/{id}", null),
            new("GET", "/bank/v1/bills/{id}", null, Bank: true),
            new("GET", "/api/licence-types/{id}", null),
            // Issue 13.
            new("PATCH", "/api/companies/{id}", w.Business, "{\"legalName\":\"Bad Input Renamed\"}"),
            new("POST", "/api/licences/{id}/renew", w.Business),
            new("POST", "/api/licences/{id}/surrender", w.Business, reason),
            new("GET", "/api/licences/{id}", w.Business),
            new("POST", "/api/applications/{id}/information-requests", w.Regulator, "{\"message\":\"Why?\"}"),
            new("POST", "/api/applications/{id}/information-responses", w.Business, "{\"message\":\"Because.\",\"documentIds\":[]}"),
            new("POST", "/api/applications/{id}/withdraw", w.Business),
            new("POST", "/api/applications/{id}/appeal", w.Business, "{\"grounds\":\"Unfair.\"}"),
            new("POST", "/api/applications/{id}/documents", w.Business, PdfUpload, ContentType: "multipart/form-data; boundary=b0undary"),
            new("GET", "/api/applications/{id}/documents", w.Business),
            new("GET", "/api/applications/{id}/documents", w.Regulator),
            new("GET", $"/api/applications/{application}/documents/{{id}}", w.Business),
            new("GET", $"/api/applications/{application}/documents/{{id}}", w.Regulator),
        ];
    }
}
