using System.Text.Json;
using Refit;

namespace Portal.Api;

/// <summary>
/// Runs calls on <see cref="ISuiteApi"/> and reads every answer the same way: a success, or a status with the
/// problem details the API sent. An unreachable gateway is a 503 (the page says the service is unavailable).
/// </summary>
public sealed class SuiteClient(ISuiteApi api, ILogger<SuiteClient> logger)
{
    public ISuiteApi Api => api;

    public Task<ApiResult<T>> CallAsync<T>(Func<ISuiteApi, Task<IApiResponse<T>>> call) =>
        CallAsync(call, (_, value) => Task.FromResult(value), keepOpen: false);

    /// <summary>A file from the API, read whole before the response is released.</summary>
    public Task<ApiResult<byte[]>> DownloadAsync(Func<ISuiteApi, Task<IApiResponse<HttpContent>>> call) =>
        CallAsync(call, (_, content) => content.ReadAsByteArrayAsync(), keepOpen: false);

    /// <summary>
    /// A file from the API passed on as it arrives (a document of up to 10 MB is never held whole): the API's answer
    /// stays open until the caller disposes the <see cref="ApiFile"/>, after the page has sent it on.
    /// </summary>
    public Task<ApiResult<ApiFile>> OpenFileAsync(Func<ISuiteApi, Task<IApiResponse<HttpContent>>> call) =>
        CallAsync(call, async (response, content) => new ApiFile(
            response,
            await content.ReadAsStreamAsync(),
            content.Headers.ContentType?.MediaType ?? "application/octet-stream",
            content.Headers.ContentDisposition?.FileNameStar ?? content.Headers.ContentDisposition?.FileName?.Trim('"')),
            keepOpen: true);

    private async Task<ApiResult<TOut>> CallAsync<T, TOut>(
        Func<ISuiteApi, Task<IApiResponse<T>>> call, Func<IApiResponse<T>, T, Task<TOut>> read, bool keepOpen)
    {
        IApiResponse<T>? response = null;
        var handedOver = false;
        try
        {
            response = await call(api);
            if (response.IsSuccessful && response.Content is not null)
            {
                var value = await read(response, response.Content);
                handedOver = keepOpen;
                return new ApiResult<TOut>(value, (int)response.StatusCode!, null);
            }

            // Not received at all (the transport failed before an answer): the API is unavailable.
            var status = response.StatusCode is { } code ? (int)code : StatusCodes.Status503ServiceUnavailable;
            if (status is >= 200 and < 300)
            {
                // A success whose body could not be read is the API's fault, not the person's.
                logger.LogWarning(response.Error, "The API answered {Status} with an unreadable body.", status);
                return new ApiResult<TOut>(default, StatusCodes.Status502BadGateway, null);
            }

            return new ApiResult<TOut>(default, status, ReadProblem(status, (response.Error as ApiException)?.Content));
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "The gateway could not be reached.");
            return new ApiResult<TOut>(default, StatusCodes.Status503ServiceUnavailable, null);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            logger.LogWarning(e, "The API did not answer in time.");
            return new ApiResult<TOut>(default, StatusCodes.Status504GatewayTimeout, null);
        }
        finally
        {
            if (!handedOver)
            {
                response?.Dispose();
            }
        }
    }

    internal static ApiProblem ReadProblem(int status, string? body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        string? slug = null, title = null, detail = null;
        if (!string.IsNullOrWhiteSpace(body) && body.TrimStart().StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                slug = Text(root, "type")?.Split('/').Last();
                title = Text(root, "title");
                detail = Text(root, "detail");
                if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in fields.EnumerateObject())
                    {
                        errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                            ? [.. field.Value.EnumerateArray().Select(m => m.ToString())]
                            : [field.Value.ToString()];
                    }
                }
            }
            catch (JsonException)
            {
                // Not a problem document after all: the status alone decides what the page says.
            }
        }

        return new ApiProblem(status, slug, title, detail, errors);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>A file the API is still sending: its bytes as a stream, what it is, and the answer to close once it is passed on.</summary>
public sealed class ApiFile(IDisposable response, Stream content, string contentType, string? fileName) : IDisposable
{
    public Stream Content => content;

    public string ContentType => contentType;

    public string? FileName => fileName;

    public void Dispose()
    {
        content.Dispose();
        response.Dispose();
    }
}
