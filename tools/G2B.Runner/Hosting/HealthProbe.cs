namespace G2B.Runner.Hosting;

/// <summary>Polls a health endpoint until it answers 2xx, the process dies or the deadline passes.</summary>
public static class HealthProbe
{
    private static readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task WaitAsync(string name, Uri url, ManagedProcess process, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new SuiteStartException(name, $"exited with code {process.ExitCode} before it became healthy; see {process.LogFile}");
            }

            try
            {
                using var response = await _http.GetAsync(url, ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                last = "timed out";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }

        throw new SuiteStartException(name, $"{url} was not healthy within {timeout.TotalSeconds:0} s (last: {last}); see {process.LogFile}");
    }
}

/// <summary>A process of the suite did not come up; the message names it and says why.</summary>
public sealed class SuiteStartException(string name, string reason)
    : Exception($"{name} {reason}.")
{
    public string ProcessName { get; } = name;
}
