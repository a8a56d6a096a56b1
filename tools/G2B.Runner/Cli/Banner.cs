using System.Text;
using G2B.Runner.Hosting;
using G2B.Runner.Tye;

namespace G2B.Runner.Cli;

/// <summary>What the runner prints once everything is healthy: what runs where, and how to try it.</summary>
public static class Banner
{
    public static string Table(SuiteHost host)
    {
        var rows = new List<string[]> { new[] { "name", "url", "sidecar http/grpc", "log" } };
        if (host.Manifest.Services.FirstOrDefault(InfraHost.IsPostgres) is { } pg)
        {
            rows.Add([pg.Name, $"{Placeholders.Host}:{host.Postgres.Port} (user app/app)", "", host.Postgres.LogFile]);
        }

        if (host.Manifest.Services.FirstOrDefault(InfraHost.IsRedis) is { } rd)
        {
            rows.Add([rd.Name, host.Redis.Endpoint, "", Path.Combine(host.Redis.BaseDirectory, "redis.log")]);
        }

        foreach (var service in host.Services)
        {
            var sidecar = host.SidecarPorts(service.Name) is { } s ? $"{s.Http} / {s.Grpc}" : "";
            rows.Add([service.Name, host.Url(service.Name), sidecar, Path.Combine(host.LogDirectory, service.Name + ".log")]);
        }

        var widths = Enumerable.Range(0, 4).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            if (index == 0)
            {
                text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }

        return text.ToString();
    }

    /// <summary>The walkthrough script, aimed at this run's gateway.</summary>
    public static string Walkthrough(string gatewayUrl)
    {
        using var stream = typeof(Banner).Assembly.GetManifestResourceStream("walkthrough.sh")
            ?? throw new InvalidOperationException("walkthrough.sh is not embedded.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd();
        var body = script[script.IndexOf("G=", StringComparison.Ordinal)..];
        return body.Replace("G=${G2B_GATEWAY:-http://127.0.0.1:8080}", $"G={gatewayUrl}", StringComparison.Ordinal);
    }
}
