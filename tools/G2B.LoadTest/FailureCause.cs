using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using G2B.Journey;

namespace G2B.LoadTest;

/// <summary>
/// Names why a journey failed in words that group well: the same fault on the same endpoint gives
/// the same text whatever the ids involved, so the report can count each cause.
/// </summary>
public static partial class FailureCause
{
    public static string Of(Exception e) => e switch
    {
        SuiteApiException { UnreadableBody: true } s => $"bad JSON from {Generalise(s.Request)} ({(int)s.Status})",
        SuiteApiException s => $"HTTP {(int)s.Status} from {Generalise(s.Request)}",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } or
            HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } =>
            "connection refused",
        HttpRequestException h => $"HTTP request failed ({h.HttpRequestError})",
        // HttpClient's own time-out surfaces as a cancellation whose inner exception is a TimeoutException.
        TaskCanceledException { InnerException: TimeoutException } => "no answer within the request time-out",
        TimeoutException t => $"timed out: {Generalise(t.Message.Split(';')[0])}",
        JsonException => "bad JSON in an answer",
        _ => $"{e.GetType().Name}: {Generalise(e.Message)}",
    };

    // Ids, references and numbers make every failure unique; the cause is what stays.
    private static string Generalise(string text) => Ids().Replace(text, "{id}");

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z]*-?[0-9][0-9A-Za-z-]{3,}")]
    private static partial Regex Ids();
}
