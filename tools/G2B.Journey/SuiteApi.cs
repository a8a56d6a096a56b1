using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace G2B.Journey;

/// <summary>An unexpected answer of the suite, with the problem details it sent.</summary>
public sealed class SuiteApiException(HttpStatusCode status, string body, string request, Exception? inner = null)
    : Exception($"{request} answered {(int)status}: {body}", inner)
{
    public HttpStatusCode Status { get; } = status;

    public string Body { get; } = body;

    /// <summary>Method and path, e.g. "POST /api/companies".</summary>
    public string Request { get; } = request;

    /// <summary>A success status whose body was not the JSON the contract promises.</summary>
    public bool UnreadableBody => InnerException is JsonException;
}

/// <summary>The public API of the suite through the gateway, as businesses and regulators call it.</summary>
public sealed class SuiteApi(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http => http;

    public async Task<string> TokenAsync(string subject, string role, CancellationToken ct = default)
    {
        var token = await SendAsync<TokenResponse>(HttpMethod.Post, "/dev/token", null, new { subject, role }, ct);
        return token.AccessToken;
    }

    public Task<Company> RegisterCompanyAsync(string token, RegisterCompany company, CancellationToken ct = default) =>
        SendAsync<Company>(HttpMethod.Post, "/api/companies", token, company, ct);

    public Task<Company> GetCompanyAsync(string token, string registrationNumber, CancellationToken ct = default) =>
        SendAsync<Company>(HttpMethod.Get, $"/api/companies/{Uri.EscapeDataString(registrationNumber)}", token, null, ct);

    public Task<IReadOnlyList<LicenceType>> LicenceTypesAsync(CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<LicenceType>>(HttpMethod.Get, "/api/licence-types", null, null, ct);

    public Task<Application> ApplyAsync(
        string token, string registrationNumber, string licenceType, string? idempotencyKey = null, CancellationToken ct = default) =>
        SendAsync<Application>(
            HttpMethod.Post, "/api/applications", token, new { registrationNumber, licenceType }, ct,
            idempotencyKey is null ? null : ("Idempotency-Key", idempotencyKey));

    public Task<Application> GetApplicationAsync(string token, Guid applicationId, CancellationToken ct = default) =>
        SendAsync<Application>(HttpMethod.Get, $"/api/applications/{applicationId}", token, null, ct);

    public Task<Application> DecideAsync(string token, Guid applicationId, bool approve, string reason, CancellationToken ct = default) =>
        SendAsync<Application>(HttpMethod.Post, $"/api/applications/{applicationId}/decision", token, new { approve, reason }, ct);

    public Task<Invoice> GetInvoiceAsync(string token, string paymentReference, CancellationToken ct = default) =>
        SendAsync<Invoice>(HttpMethod.Get, $"/api/invoices/{Uri.EscapeDataString(paymentReference)}", token, null, ct);

    public Task<Licence> GetLicenceAsync(string token, string licenceNumber, CancellationToken ct = default) =>
        SendAsync<Licence>(HttpMethod.Get, $"/api/licences/{Uri.EscapeDataString(licenceNumber)}", token, null, ct);

    public Task<LicenceVerification> VerifyAsync(string licenceNumber, CancellationToken ct = default) =>
        SendAsync<LicenceVerification>(HttpMethod.Get, $"/verify/licences/{Uri.EscapeDataString(licenceNumber)}", null, null, ct);

    public Task<Company> CompanyActionAsync(string token, string registrationNumber, string action, string reason, CancellationToken ct = default) =>
        SendAsync<Company>(HttpMethod.Post, $"/api/companies/{Uri.EscapeDataString(registrationNumber)}/{action}", token, new { reason }, ct);

    /// <summary>Sends a request and returns the raw answer, for callers that check failures themselves.</summary>
    public async Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method, string path, string? token, object? body, CancellationToken ct = default,
        (string Name, string Value)? header = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        return await http.SendAsync(request, ct);
    }

    private async Task<T> SendAsync<T>(
        HttpMethod method, string path, string? token, object? body, CancellationToken ct,
        (string Name, string Value)? header = null)
    {
        using var response = await SendRawAsync(method, path, token, body, ct, header);
        if (!response.IsSuccessStatusCode)
        {
            throw new SuiteApiException(response.StatusCode, await response.Content.ReadAsStringAsync(ct), $"{method} {path}");
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, ct)
                ?? throw new JsonException("The body was JSON null.");
        }
        catch (JsonException e)
        {
            // A proxy's HTML error page with a 200, a truncated body: the caller gets the request, not a parser's stack.
            throw new SuiteApiException(response.StatusCode, $"not the expected JSON: {e.Message}", $"{method} {path}", e);
        }
    }
}
