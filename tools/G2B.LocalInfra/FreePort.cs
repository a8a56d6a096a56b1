using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace G2B.LocalInfra;

/// <summary>Hands out free loopback ports, never the same one twice in a process.</summary>
public static class FreePort
{
    private static readonly ConcurrentDictionary<int, byte> _handedOut = new();

    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (_handedOut.TryAdd(port, 0))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free loopback port found.");
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
