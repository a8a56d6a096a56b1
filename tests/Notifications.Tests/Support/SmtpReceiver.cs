using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Notifications.Tests.Support;

public sealed record ReceivedMail(string MessageId, IReadOnlyList<string> Recipients, MimeMessage Message);

/// <summary>
/// A minimal SMTP server on a loopback port: a real socket and a real SMTP dialogue (EHLO, MAIL,
/// RCPT, DATA, RSET, NOOP, QUIT), so MailKit talks to it as to any server. It records every mail it
/// accepted (answered 250 to), can refuse the next DATA with a 4xx, and can hold its answer to DATA
/// so a test can kill the sender while a mail is in flight: an unanswered DATA is not accepted.
/// </summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _failNext;
    private volatile TaskCompletionSource? _hold;

    public SmtpReceiver()
    {
        _listener.Start();
        _accepting = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Mails accepted, in order.</summary>
    public ConcurrentQueue<ReceivedMail> Accepted { get; } = new();

    /// <summary>The Message-ID of every DATA received, accepted or not.</summary>
    public ConcurrentQueue<string> DataSeen { get; } = new();

    /// <summary>DATA received whose answer is being held.</summary>
    public int Holding => _holding;

    private int _holding;

    /// <summary>Connections accepted so far (each a greeting, EHLO ... QUIT).</summary>
    public int Connections => _connections;

    private int _connections;

    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();

    /// <summary>Closes every open connection, as a server does to idle ones (its timeout) or when it restarts.</summary>
    public void DropConnections()
    {
        foreach (var client in _open.Keys)
        {
            client.Client.Shutdown(SocketShutdown.Both);
            client.Close();
        }
    }

    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    /// <summary>From now on each DATA waits for <see cref="Release"/> before it is answered.</summary>
    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Interlocked.Exchange(ref _hold, null)?.TrySetResult();

    public IReadOnlyList<ReceivedMail> To(string recipient) =>
        Accepted.Where(m => m.Recipients.Contains(recipient, StringComparer.OrdinalIgnoreCase)).ToList();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _open.TryAdd(client, 0);
            _ = Task.Run(async () =>
            {
                await ServeAsync(client);
                _open.TryRemove(client, out _);
            });
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, new UTF8Encoding(false));
            var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost test SMTP");
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        recipients.Add(line[(line.IndexOf('<') + 1)..line.LastIndexOf('>')]);
                        await writer.WriteLineAsync("250 2.1.5 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var answer = await ReceiveAsync(reader, client.Client, [.. recipients]);
                        if (answer is null)
                        {
                            return;
                        }

                        await writer.WriteLineAsync(answer);
                        break;
                    case "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception)
        {
            // The client went away (a killed sender): whatever was unanswered was not accepted.
        }
    }

    private async Task<string?> ReceiveAsync(StreamReader reader, Socket socket, List<string> recipients)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(_stop.Token) is { } line && line != ".")
        {
            data.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
        }

        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(data.ToString())));
        DataSeen.Enqueue(message.MessageId ?? "");
        if (_hold is { } hold)
        {
            Interlocked.Increment(ref _holding);
            try
            {
                await hold.Task.WaitAsync(_stop.Token);
            }
            finally
            {
                Interlocked.Decrement(ref _holding);
            }

            // The sender died while we held the answer: the mail was never accepted.
            if (socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0)
            {
                return null;
            }
        }

        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            return "451 4.3.0 Temporary failure, try again later";
        }

        Accepted.Enqueue(new ReceivedMail(message.MessageId ?? "", recipients, message));
        return "250 2.0.0 Queued";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
    }
}
