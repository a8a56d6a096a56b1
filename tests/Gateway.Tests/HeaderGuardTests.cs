using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests;

/// <summary>
/// Raw bytes on a real socket (issue 11, point 5): HttpClient would refuse to send these headers at all,
/// which is exactly what made the gateway's own forwarding fail with 502.
/// </summary>
public sealed class HeaderGuardTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(kestrel: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("X-Bank-Signature", "/bank/v1/payments", 401, "unauthorized")]
    [InlineData("X-Bank-Code", "/bank/v1/payments", 401, "unauthorized")]
    [InlineData("Authorization", "/api/companies", 401, "unauthorized")]
    [InlineData("X-Note", "/api/companies", 400, "validation")]
    [InlineData("User-Agent", "/verify/licences/LIC-1", 400, "validation")]
    public async Task A_non_ascii_header_value_gets_the_contracts_answer_never_a_5xx(string header, string path, int status, string slug)
    {
        // "é" as UTF-8, which Kestrel accepts and the proxy's HttpClient cannot send on.
        var value = header switch
        {
            "X-Bank-Signature" => "t=1700000000,v1=\u00e9",
            "Authorization" => "Bearer \u00e9yJ",
            _ => "caf\u00e9",
        };

        var (statusLine, headers, body) = await SendRawAsync(path, $"{header}: {value}", "X-Bank-Code: DEMOBANK");

        statusLine.Should().StartWith($"HTTP/1.1 {status} ");
        headers.Should().Contain(h => h.StartsWith("Content-Type: application/problem+json", StringComparison.OrdinalIgnoreCase));
        headers.Should().Contain(h => h.StartsWith("X-Correlation-Id: ", StringComparison.OrdinalIgnoreCase));
        body.Should().Contain($"\"type\":\"https://g2b.example/problems/{slug}\"");
        _host.Downstreams.Values.SelectMany(s => s.LogEntries).Should().NotContain(e => e.RequestMessage.Path == path);
    }

    [Fact]
    public async Task Ascii_headers_still_pass()
    {
        var (statusLine, _, _) = await SendRawAsync("/verify/licences/LIC-2", "X-Note: cafe");

        statusLine.Should().StartWith("HTTP/1.1 200 ");
    }

    private async Task<(string StatusLine, string[] Headers, string Body)> SendRawAsync(string path, params string[] headers)
    {
        var address = _host.KestrelAddress;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();

        const string json = "{}";
        var head = new StringBuilder()
            .Append($"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append($"Content-Length: {json.Length}\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        // UTF-8 on purpose: these are the bytes a client with a non-ASCII value puts on the wire.
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.Append("\r\n").Append(json).ToString()));

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = response[..split].Split("\r\n");
        return (lines[0], lines[1..], response[(split + 4)..]);
    }
}
