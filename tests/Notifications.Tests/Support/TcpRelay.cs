using System.Net;
using System.Net.Sockets;

namespace Notifications.Tests.Support;

/// <summary>
/// A loopback TCP relay in front of a server, for network faults no server can make: <see cref="Blackhole"/> makes every
/// connection open now go silent, both ways, without a FIN or a reset (as when a firewall or a NAT forgets a
/// connection), while new connections are relayed as before.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Connection> _connections = [];
    private readonly Task _accepting;

    private TcpRelay(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections have been relayed so far.</summary>
    public int Accepted
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    public static TcpRelay To(int port) => new(new IPEndPoint(IPAddress.Loopback, port));

    /// <summary>Every connection open now stops carrying bytes and stays open; later connections are not affected.</summary>
    public void Blackhole()
    {
        lock (_connections)
        {
            _connections.ForEach(c => c.Silence());
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await server.ConnectAsync(_target, _stopping.Token);
            var connection = new Connection(client, server, _stopping.Token);
            lock (_connections)
            {
                _connections.Add(connection);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_connections)
        {
            _connections.ForEach(c => c.Close());
        }

        _stopping.Dispose();
    }

    private sealed class Connection
    {
        private readonly Socket _client;
        private readonly Socket _server;
        private readonly CancellationTokenSource _silenced;

        public Connection(Socket client, Socket server, CancellationToken stopping)
        {
            _client = client;
            _server = server;
            _silenced = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            _ = CopyAsync(client, server);
            _ = CopyAsync(server, client);
        }

        public void Silence() => _silenced.Cancel();

        public void Close()
        {
            _silenced.Cancel();
            _client.Dispose();
            _server.Dispose();
        }

        // Bytes read once silenced are dropped; a side that closes closes the other only while not silenced.
        private async Task CopyAsync(Socket from, Socket to)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    var read = await from.ReceiveAsync(buffer, SocketFlags.None, _silenced.Token);
                    if (read == 0)
                    {
                        to.Shutdown(SocketShutdown.Send);
                        return;
                    }

                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _silenced.Token);
                }
            }
            catch (Exception) when (_silenced.IsCancellationRequested)
            {
                // Silenced or stopped: the sockets stay as they are, open, until the relay is disposed.
            }
            catch (SocketException)
            {
                // The other side went away: nothing more to carry.
            }
        }
    }
}
