using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Notifications.Api.Webhooks;

/// <summary>Name resolution, replaceable in tests to play DNS that changes its answer.</summary>
public interface IWebhookDnsResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

internal sealed class SystemDnsResolver : IWebhookDnsResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>
/// Keeps webhook traffic off internal networks. Enforced where the socket connects (every new
/// connection resolves and checks again, so DNS that changes after registration is caught, and
/// a pooled connection only ever goes to an address that was checked); redirects are not followed.
/// </summary>
public sealed class SsrfGuard(IWebhookDnsResolver dns, IOptionsMonitor<WebhookOptions> options)
{
    /// <summary>Checks a URL at registration: form, scheme and any literal or resolved address.</summary>
    public async Task<string?> ValidateUrlAsync(string? url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "url must be an absolute URL without credentials or fragment.";
        }

        var settings = options.CurrentValue;
        if (uri.Scheme != Uri.UriSchemeHttps && !(settings.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            return settings.AllowHttp ? "url must be http or https." : "url must be https.";
        }

        try
        {
            var addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await dns.ResolveAsync(uri.IdnHost, ct);
            return addresses.Length > 0 && addresses.All(IsAllowed) ? null : "url must resolve to public addresses only.";
        }
        catch (SocketException)
        {
            return "url's host does not resolve.";
        }
    }

    /// <summary>The sockets handler's connect step: resolve, refuse any non-public answer, connect.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await dns.ResolveAsync(host, ct);
        // All or nothing: a name that also resolves somewhere internal is refused outright.
        if (addresses.Length == 0 || !addresses.All(IsAllowed))
        {
            throw new SsrfRefusedException($"{host} resolves to a non-public address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return options.CurrentValue.AllowLoopback;
        }

        return IsPublic(address);
    }

    private static readonly IPNetwork[] NonPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    /// <summary>Outside every private, shared, link-local, documentation, multicast and reserved range.</summary>
    public static bool IsPublic(IPAddress address) => !NonPublic.Any(n => n.Contains(address));
}

public sealed class SsrfRefusedException(string message) : HttpRequestException(message);
