using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>Hand-picked hostile bodies at every endpoint that takes one: always a 4xx problem, never a 500, never an effect.</summary>
public sealed class BadInputBodyTests(EndToEndSuite suite) : BadInputTests(suite)
{
    [Fact]
    public async Task Malformed_bodies_and_wrong_content_types_get_a_problem_at_every_endpoint()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var failures = new List<string>();
        foreach (var target in BadInputTargets.Names.Select(n => BadInputTargets.For(n, world)))
        {
            foreach (var body in BadInputCases.Malformed())
            {
                var answer = await Probe.SendAsync(target.HttpMethod, target.Path, target.Token, body.Body, body.ContentType);
                Collect(failures, $"{target.Name} / {body.Name}", () => answer.ShouldBeClientProblem());
            }

            var noBody = await Probe.SendAsync(target.HttpMethod, target.Path, target.Token, body: null);
            Collect(failures, $"{target.Name} / no body", () => noBody.ShouldBeClientProblem());
        }

        AllPassed(failures);
        await world.ShouldBeUntouchedAsync(Suite);
    }

    [Fact]
    public async Task Each_field_spoiled_by_a_wrong_type_null_absence_or_hostile_text_gets_a_problem()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var failures = new List<string>();
        foreach (var target in BadInputTargets.Names.Select(n => BadInputTargets.For(n, world)))
        {
            foreach (var field in target.Fields)
            {
                var values = BadInputCases.BadStrings().Select(v => (v.Name, (string?)v.Json))
                    .Append(("absent", null))
                    .Where(v => !Lenient(target.Name, field, v.Name));
                foreach (var (name, json) in values)
                {
                    var answer = await Probe.SendAsync(target.HttpMethod, target.Path, target.Token, target.With(field, json));
                    Collect(failures, $"{target.Name} / {field} {name}", () =>
                    {
                        var problem = answer.ShouldBeClientProblem(target.ValidatesFirst ? 400 : null);
                        if (target.ValidatesFirst)
                        {
                            problem.Slug.Should().Be("validation", "{0}", answer);
                        }
                    });
                }
            }
        }

        AllPassed(failures);
        await world.ShouldBeUntouchedAsync(Suite);
    }

    [Theory]
    [InlineData("taxId", "\"12345678901\"")]
    [InlineData("taxId", "\"1234567890123\"")]
    [InlineData("taxId", "\"١٢٣٤٥٦٧٨٩٠١٢\"")] // Arabic-Indic digits match \d but are no tax id.
    [InlineData("taxId", "123456789012")]
    [InlineData("legalForm", "\"Corporation\"")]
    [InlineData("legalForm", "1")]
    [InlineData("activityCodes", "[]")]
    [InlineData("activityCodes", "[\"99.99\"]")]
    [InlineData("activityCodes", "[null]")]
    [InlineData("activityCodes", "[47.11]")]
    [InlineData("activityCodes", "\"47.11\"")]
    [InlineData("activityCodes", "{\"0\": \"47.11\"}")]
    [InlineData("address", "[\"1 Test Street\", \"Ashgabat\"]")]
    [InlineData("address.country", "\"TKM\"")]
    [InlineData("address.country", "\"XX\"")]
    public async Task A_registration_with_one_invalid_field_is_refused_naming_the_field(string field, string json)
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var target = BadInputTargets.For("register-company", world);

        var answer = await Probe.SendAsync(HttpMethod.Post, target.Path, target.Token, target.With(field, json));

        answer.ShouldBeClientProblem(400);
    }

    [Fact]
    public async Task Duplicated_json_properties_are_refused_not_resolved_silently()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var company = BadInputTargets.NewCompanyBody().ToJsonString();
        // Same key twice, each value valid on its own: which one wins must not be a parser's guess.
        var twice = company.Replace("\"legalForm\":\"LLC\"", "\"legalForm\":\"LLC\",\"legalForm\":\"JSC\"", StringComparison.Ordinal);

        var registration = await Probe.SendAsync(HttpMethod.Post, "/api/companies", world.Business, twice);
        registration.ShouldBeClientProblem(400);

        var application = await Probe.SendAsync(HttpMethod.Post, "/api/applications", world.Business,
            $"{{\"registrationNumber\":\"{world.Company.RegistrationNumber}\",\"licenceType\":\"{world.Type.Code}\",\"licenceType\":\"{world.Type.Code}\"}}");
        application.ShouldBeClientProblem(400);
        await world.ShouldBeUntouchedAsync(Suite);
    }

    [Fact]
    public async Task Applications_for_unknown_types_or_companies_or_with_a_hostile_idempotency_key_are_refused()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var rn = world.Company.RegistrationNumber;
        string[] refused =
        [
            Apply(rn, "NO-SUCH-TYPE"),
            Apply(rn, world.Type.Code.ToLowerInvariant() + "x"),
            Apply(BadInputWorld.MissingRegistrationNumber, world.Type.Code),
            Apply("'; DELETE FROM applications; --", world.Type.Code),
        ];
        foreach (var body in refused)
        {
            var answer = await Probe.SendAsync(HttpMethod.Post, "/api/applications", world.Business, body);
            answer.ShouldBeClientProblem(400);
        }

        // A valid body under a hostile key: the world's open application makes it a duplicate at best.
        foreach (var key in new[] { new string('k', 8_000), "  \t spaced ; key = \"quoted\" ", "%00", "' OR 1=1 --" })
        {
            var answer = await Probe.SendAsync(HttpMethod.Post, "/api/applications", world.Business, Apply(rn, world.Type.Code),
                headers: new Dictionary<string, string> { ["Idempotency-Key"] = key });
            answer.ShouldBeClientProblem();
        }

        await world.ShouldBeUntouchedAsync(Suite);
    }

    /// <summary>Values an endpoint may accept by design, so they are no bad input there.</summary>
    private static bool Lenient(string target, string field, string value) => (target, field, value) switch
    {
        // Free text: harmless as a legal name, an address line, a token subject, a reason, a question or grounds.
        ("register-company" or "amend-company" or "dev-token", _, "SQL" or "path traversal") => true,
        (_, "reason" or "message" or "grounds", "SQL" or "path traversal" or "right-to-left override") => true,
        // The registry normalises names and addresses (controls become spaces, whitespace collapses).
        ("register-company" or "amend-company", "legalName" or "address.line1" or "address.city",
            "NUL" or "control characters" or "right-to-left override") => true,
        // The contract: country defaults to TM.
        ("register-company" or "amend-company", "address.country", "null" or "empty" or "blank" or "absent") => true,
        // Merge-patch: a member left out stays as it is; null removes the contact address or returns the language to en.
        ("amend-company", _, "absent") => true,
        ("amend-company", "contactEmail", "null") => true,
        ("amend-company", "preferredLanguage", "null" or "empty" or "blank") => true,
        // An answer needs no documents.
        ("respond-information", "documentIds", "null" or "absent") => true,
        _ => false,
    };

    private static string Apply(string registrationNumber, string licenceType) =>
        JsonSerializer.Serialize(new { registrationNumber, licenceType });
}
