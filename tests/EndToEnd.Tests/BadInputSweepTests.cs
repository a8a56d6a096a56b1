using System.Collections.Concurrent;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace EndToEnd.Tests;

/// <summary>
/// Property-style sweeps: a bounded number of generated hostile inputs per endpoint, from a fixed
/// seed (BADINPUT_SEED overrides it) so a failure names the seed and the sample that reproduces it.
/// </summary>
public sealed class BadInputSweepTests(EndToEndSuite suite) : BadInputTests(suite)
{
    private const ulong DefaultSeed = 20261127;
    private const int BodiesPerEndpoint = 60;

    [Fact]
    public async Task Generated_garbage_bodies_get_a_problem_at_every_endpoint()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        foreach (var target in BadInputTargets.Names.Select(n => BadInputTargets.For(n, world)))
        {
            await SweepAsync(target.Name, BadInputGenerators.Body, BodiesPerEndpoint, async body =>
                (await Probe.SendAsync(target.HttpMethod, target.Path, target.Token, body)).ShouldBeClientProblem());
        }

        await world.ShouldBeUntouchedAsync(Suite);
    }

    [Fact]
    public async Task A_registration_with_one_field_of_a_generated_wrong_type_is_a_validation_problem()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var target = BadInputTargets.For("register-company", world);
        // A null country is allowed: it defaults to TM.
        var spoil = Gen.Zip(Gen.Elements<string>(target.Fields), BadInputGenerators.NotAString)
            .Where(s => !(s.Item1 == "address.country" && s.Item2 == "null"));
        await SweepAsync("register-company fields", spoil, 150, async sample =>
        {
            var (field, json) = sample;
            // An array of strings is what activityCodes wants; anything else there is wrong.
            var body = target.With(field, field == "activityCodes" && json.StartsWith('[') ? $"[{json}]" : json);
            (await Probe.SendAsync(HttpMethod.Post, target.Path, target.Token, body)).ShouldBeClientProblem(400);
        });
    }

    [Fact]
    public async Task Amendments_and_review_texts_with_one_field_of_a_generated_wrong_type_are_validation_problems()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        foreach (var target in BadInputTargets.Names.Select(n => BadInputTargets.For(n, world)).Where(t => t.ValidatesFirst))
        {
            // Null is a value these fields may take: it removes a contact field, defaults the country, means no documents.
            var spoil = Gen.Zip(Gen.Elements<string>(target.Fields), BadInputGenerators.NotAString)
                .Where(s => !(s.Item2 == "null" && s.Item1 is "contactEmail" or "preferredLanguage" or "address.country" or "documentIds"));
            await SweepAsync($"{target.Name} fields", spoil, 40, async sample =>
            {
                var (field, json) = sample;
                // A list field wants an array: the generated value goes inside one, where it is still of the wrong type.
                var body = target.With(field, field is "activityCodes" or "documentIds" && json.StartsWith('[') ? $"[{json}]" : json);
                var problem = (await Probe.SendAsync(target.HttpMethod, target.Path, target.Token, body)).ShouldBeClientProblem(400);
                problem.Slug.Should().Be("validation");
            });
        }

        await world.ShouldBeUntouchedAsync(Suite);
    }

    [Fact]
    public async Task Signed_payments_with_generated_bad_amounts_currencies_and_references_are_refused_and_pay_nothing()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var spoil = Gen.OneOf(
            BadInputGenerators.BadAmount.Select(v => ("amount", v)),
            BadInputGenerators.BadCurrency.Select(v => ("currency", BadInputGenerators.Quote(v))),
            BadInputGenerators.BadReference.Select(v => ("paymentReference", BadInputGenerators.Quote(v))),
            BadInputGenerators.JsonValue.Select(v => ("paidAt", v)).Where(s => !s.v.StartsWith('"')),
            BadInputGenerators.NotAString.Select(v => ("bankTransactionId", v)));
        await SweepAsync("bank payment fields", spoil, 200, async sample =>
        {
            var (field, value) = sample;
            // Spliced in as text: NaN, 1e400 or a lone surrogate are nothing a JsonNode would hold.
            var body = BadInputBankTests.PaymentBody(world);
            body.Remove(field);
            var text = $"{{\"{field}\":{value},{body.ToJsonString()[1..]}";
            (await Probe.SendAsync(HttpMethod.Post, "/bank/v1/payments", null, text, signedByBank: true)).ShouldBeClientProblem();
        });
        await world.ShouldBeUntouchedAsync(Suite);
    }

    [Fact]
    public async Task Generated_path_segments_get_a_problem_on_every_route_with_an_identifier()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        // One caller per route is enough here: the hand-picked sweep tries each kind of caller.
        foreach (var route in PathRoute.All(world).DistinctBy(r => (r.Method, r.Template)))
        {
            await SweepAsync(route.Shape, BadInputGenerators.PathSegment, 25, async segment =>
                (await Probe.SendAsync(route.HttpMethod, route.PathWith(segment), route.Token, route.Body, route.ContentType, signedByBank: route.Bank))
                    .ShouldBeClientProblemOrServerRejected());
        }

        await world.ShouldBeUntouchedAsync(Suite);
    }

    /// <summary>
    /// Draws <paramref name="count"/> samples from one seed per sweep (so the set is the same every run),
    /// checks them four at a time, and reports every failure with the seed and sample index.
    /// </summary>
    private static async Task SweepAsync<T>(string name, Gen<T> gen, int count, Func<T, Task> check)
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("BADINPUT_SEED"), CultureInfo.InvariantCulture, out var s)
            ? s : DefaultSeed;
        var samples = BadInputGenerators.Samples(gen, unchecked(seed * 65_537 + StableStream(name)), count);
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            try
            {
                await check(samples[i]);
            }
            catch (Exception e)
            {
                failures.Add($"sample {i}: {e.Message}");
            }
        });

        AllPassed(failures.ToList(), $"sweep '{name}', BADINPUT_SEED={seed}, {count} samples");
    }

    private static uint StableStream(string name) => (uint)name.Aggregate(17, (h, c) => unchecked(h * 31 + c)) & 0xffff;
}
