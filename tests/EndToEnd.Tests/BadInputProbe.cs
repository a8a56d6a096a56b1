using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using G2B.BankSignatures;

namespace EndToEnd.Tests;

/// <summary>What the suite answered to one hostile request, kept whole so a failure shows all of it.</summary>
public sealed record ProblemAnswer(string Request, int Status, string? ContentType, string Body, string? CorrelationId, string? Location = null)
{
    public override string ToString() =>
        $"{Request} -> {Status} {ContentType} X-Correlation-Id={CorrelationId ?? "(none)"}{(Location is null ? "" : $" Location={Location}")}: {Truncate(Body)}";

    private static string Truncate(string text) => text.Length <= 600 ? text : text[..600] + "…";
}

/// <summary>
/// Sends raw bytes through the gateway (as a business, regulator, anonymous caller or signed bank)
/// and checks the one promise every bad request shares: a 4xx problem+json, never a 5xx.
/// </summary>
public sealed class BadInputProbe : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpClient _bank;

    public BadInputProbe(SuiteFixture suite)
    {
        // A redirect is an answer to check (where does it send the caller?), never one to follow.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = suite.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        var signer = new BankSigningHandler(SuiteFixture.BankCode, () => SuiteFixture.BankSecret, TimeProvider.System)
        {
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false },
        };
        _bank = new HttpClient(signer) { BaseAddress = suite.Gateway, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Sends <paramref name="body"/> byte for byte, so malformed JSON stays malformed.</summary>
    public Task<ProblemAnswer> SendAsync(
        HttpMethod method, string path, string? token, string? body,
        string contentType = "application/json", bool signedByBank = false,
        IReadOnlyDictionary<string, string>? headers = null) =>
        SendCoreAsync(method, path, token, body is null ? null : Encoding.UTF8.GetBytes(body), contentType, signedByBank, headers,
            chunked: false, Describe(body));

    /// <summary>Sends raw bytes (a multipart body, a binary file) with the given Content-Type, or none; chunked if asked.</summary>
    public Task<ProblemAnswer> SendBytesAsync(
        HttpMethod method, string path, string? token, byte[] body, string? contentType, bool chunked = false) =>
        SendCoreAsync(method, path, token, body, contentType, signedByBank: false, headers: null, chunked,
            $"({body.Length} bytes{(chunked ? ", chunked" : "")})");

    private async Task<ProblemAnswer> SendCoreAsync(
        HttpMethod method, string path, string? token, byte[]? body, string? contentType, bool signedByBank,
        IReadOnlyDictionary<string, string>? headers, bool chunked, string description)
    {
        using var request = new HttpRequestMessage(method, new Uri(_http.BaseAddress!, new Uri(path, UriKind.Relative)));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            request.Headers.TransferEncodingChunked = chunked;
            // A large body waits for the server's go-ahead, so a server that refuses it at once is heard
            // instead of being written into a connection it has closed.
            request.Headers.ExpectContinue = body.Length > 1024 * 1024;
        }

        var sent = $"{method} {path} [{contentType ?? "no content type"}] {description}";
        HttpResponseMessage response;
        try
        {
            response = await (signedByBank ? _bank : _http).SendAsync(request);
        }
        catch (HttpRequestException e)
        {
            // No answer at all (the connection dropped): as wrong as a 5xx, and reported as such.
            return new ProblemAnswer(sent, 0, null, $"no answer: {e.Message}", null);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            var correlation = response.Headers.TryGetValues("X-Correlation-Id", out var values) ? values.FirstOrDefault() : null;
            return new ProblemAnswer(sent, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, correlation,
                response.Headers.Location?.OriginalString);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _bank.Dispose();
    }

    private static string Describe(string? body) => body switch
    {
        null => "(no body)",
        { Length: > 200 } => $"{body[..200]}… ({body.Length} chars)",
        _ => body,
    };
}

/// <summary>RFC 9457 problem details as the contract spells them; <c>errors</c> maps a field to its messages.</summary>
public sealed record Problem(string? Type, string? Title, int? Status, string? Detail, IReadOnlyDictionary<string, string[]>? Errors)
{
    // Strict: a status sent as a string or a field in another case is not the contract's shape.
    internal static readonly JsonSerializerOptions Strict = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The last segment of <see cref="Type"/>, e.g. <c>validation</c>.</summary>
    public string Slug => Type!.Split('/').Last();
}

public static class ProblemAnswerAssertions
{
    /// <summary>
    /// The contract's error shape: a 4xx (never 5xx) application/problem+json with type, title and
    /// a status equal to the HTTP status, plus the correlation id header.
    /// </summary>
    public static Problem ShouldBeClientProblem(this ProblemAnswer answer, int? expectedStatus = null, bool fieldErrors = false)
    {
        answer.Status.Should().BeInRange(400, 499, "bad input is the caller's fault, never a server error: {0}", answer);
        if (expectedStatus is { } expected)
        {
            answer.Status.Should().Be(expected, "{0}", answer);
        }

        answer.CorrelationId.Should().NotBeNullOrWhiteSpace("every response carries X-Correlation-Id: {0}", answer);
        answer.ContentType.Should().Be("application/problem+json", "every error is RFC 9457 problem details: {0}", answer);
        Problem? problem;
        try
        {
            problem = JsonSerializer.Deserialize<Problem>(answer.Body, Problem.Strict);
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"The body is not a problem object of the contract's shape ({e.Message}): {answer}");
        }

        problem.Should().NotBeNull("{0}", answer);
        problem!.Type.Should().StartWith("https://", "a problem has a type: {0}", answer);
        problem.Title.Should().NotBeNullOrWhiteSpace("a problem has a title: {0}", answer);
        problem.Status.Should().Be(answer.Status, "a problem names its status: {0}", answer);
        if (fieldErrors)
        {
            problem.Errors.Should().NotBeNullOrEmpty("a field at fault is named in errors: {0}", answer);
        }

        return problem;
    }

    /// <summary>
    /// As <see cref="ShouldBeClientProblem"/>, except for a request line Kestrel itself refuses (a NUL or
    /// bare CR/LF in the path): that 400 is written before any middleware runs, so it has no body.
    /// </summary>
    public static void ShouldBeClientProblemOrServerRejected(this ProblemAnswer answer)
    {
        var path = answer.Request.Split(' ')[1];
        var refusedByKestrel = answer is { Status: 400, Body.Length: 0 }
            && (path.Contains("%00", StringComparison.Ordinal) || path.Contains("%0D", StringComparison.OrdinalIgnoreCase)
                || path.Contains("%0A", StringComparison.OrdinalIgnoreCase));
        if (!refusedByKestrel)
        {
            answer.ShouldBeClientProblem();
        }
    }
}
