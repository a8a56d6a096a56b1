using System.Net;
using System.Text.Json;

namespace G2B.Testing;

/// <summary>Reading the suite's RFC 9457 answers (<c>https://g2b.example/problems/{slug}</c>).</summary>
public static class ProblemResponses
{
    /// <summary>The slug of the problem's <c>type</c>: the last segment of its URI.</summary>
    public static async Task<string> ProblemTypeAsync(this HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("type").GetString()!.Split('/')[^1];
    }

    /// <summary>The answer's status with its problem's slug, to assert both at once.</summary>
    public static async Task<(HttpStatusCode Status, string Slug)> ProblemAsync(this HttpResponseMessage response) =>
        (response.StatusCode, await response.ProblemTypeAsync());
}
