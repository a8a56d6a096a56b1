using System.Net;

namespace EndToEnd.Tests;

/// <summary>
/// The licence journey as a patient client drives it while processes of the suite crash: each
/// call that fails for want of a process (5xx, refused connection, time-out) is sent again, with
/// the same Idempotency-Key or the same bank transaction, so a retry can never double an effect.
/// </summary>
public sealed class UnderFaultJourney(SuiteFixture suite, bool payAtDemoBank)
{
    private static readonly TimeSpan _patience = TimeSpan.FromMinutes(4);
    private readonly Scenario _scenario = new(suite);

    /// <summary>Completes once the application is submitted: what follows runs on events.</summary>
    public TaskCompletionSource Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<Application> RunAsync()
    {
        try
        {
            var token = await RetryAsync(_ => _scenario.BusinessAsync());
            var company = await RetryAsync(_ => _scenario.RegisterAsync(token, "47.11"));
            var type = await RetryAsync(_ => _scenario.TypeAsync(requiresReview: false, "47.11"));
            var key = Guid.NewGuid().ToString();
            var application = await RetryAsync(ct => suite.Api.ApplyAsync(token, company.RegistrationNumber, type.Code, key, ct));
            Applied.TrySetResult();

            application = await PollAsync(token, application.ApplicationId, a => a.PaymentReference is not null, "its payment reference");
            await PayAsync(application);
            var issued = await PollAsync(token, application.ApplicationId, a => a.Status == "Issued", "Issued");
            await Eventually.UntilAsync(
                ct => RetryAsync(c => suite.Api.GetCompanyAsync(token, company.RegistrationNumber, c), ct),
                c => c.Licences.Any(l => l.LicenceNumber == issued.LicenceNumber && l.Status == "Active"),
                $"{company.RegistrationNumber} to list {issued.LicenceNumber}", _patience);
            return issued;
        }
        catch (Exception e)
        {
            Applied.TrySetException(e);
            throw;
        }
    }

    private async Task PayAsync(Application application)
    {
        if (!payAtDemoBank)
        {
            // The same signed confirmation each time: a retry of a taken one answers 200 duplicate.
            var confirmation = Scenario.Confirmation(application);
            var answer = await RetryAsync(async ct =>
            {
                var sent = await suite.Bank.ConfirmAsync(confirmation, ct);
                return sent.HttpStatus < 500 ? sent : throw Unavailable(sent.ToString());
            });
            answer.Status.Should().BeOneOf("accepted", "duplicate");
            return;
        }

        // The teller makes a new bank transaction per call: a retry after a lost answer is told the
        // invoice is already paid, and the database check below proves it was paid once.
        using var teller = new HttpClient { BaseAddress = new Uri(suite.Host.Url("demo-bank")), Timeout = TimeSpan.FromSeconds(30) };
        var payment = await RetryAsync(async ct =>
        {
            try
            {
                return await new DemoBankTeller(teller).PayAsync(application.PaymentReference!, ct);
            }
            catch (InvalidOperationException e)
            {
                // The bill lookup got no answer from the suite: the teller says so; try again.
                throw Unavailable(e.Message);
            }
        });
        new[] { payment.Answer.Status, payment.Answer.Type }.Should().IntersectWith(["accepted", "duplicate", "already-paid"]);
    }

    private Task<Application> PollAsync(string token, Guid id, Func<Application, bool> done, string what) =>
        Eventually.UntilAsync(
            ct => RetryAsync(c => suite.Api.GetApplicationAsync(token, id, c), ct), done, $"application {id}: {what}", _patience);

    /// <summary>Sends again while the answer says a process is missing; any other failure is the test's.</summary>
    private static async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct = default)
    {
        var attempt = await Eventually.UntilAsync(
            async c =>
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(c);
                    timeout.CancelAfter(TimeSpan.FromSeconds(30));
                    return new Attempt<T>(await call(timeout.Token), null);
                }
                catch (Exception e) when (IsTransient(e, c))
                {
                    return new Attempt<T>(default, e);
                }
            },
            a => a.Error is null, "an answer while processes come back", _patience, ct);
        return attempt.Value!;
    }

    private sealed record Attempt<T>(T? Value, Exception? Error)
    {
        public override string ToString() => Error?.Message ?? "an answer";
    }

    private static bool IsTransient(Exception e, CancellationToken ct) => e switch
    {
        SuiteApiException s => (int)s.Status >= 500 || s.Status == HttpStatusCode.TooManyRequests,
        HttpRequestException or IOException => true,
        OperationCanceledException => !ct.IsCancellationRequested,
        _ => false,
    };

    private static HttpRequestException Unavailable(string why) => new($"not available: {why}");
}
