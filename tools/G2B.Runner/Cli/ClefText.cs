using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace G2B.Runner.Cli;

/// <summary>
/// Turns one line of Serilog's compact JSON (CLEF: <c>@t</c>, <c>@l</c>, <c>@m</c> or <c>@mt</c>,
/// <c>@x</c>, <c>TraceId</c> or <c>@tr</c>) into the text a person reads at a terminal:
/// <c>14:03:07.123 WRN message (trace 4bf9…)</c>, then the exception's lines. The services write
/// JSON because their output is redirected to the runner; the log files keep that JSON as it came.
/// </summary>
public static partial class ClefText
{
    /// <summary>The line as text, or the line unchanged when it is not a CLEF event.</summary>
    public static string Render(string line)
    {
        if (!line.StartsWith('{') || !line.EndsWith('}'))
        {
            return line;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            var e = json.RootElement;
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("@t", out var t) || !t.TryGetDateTimeOffset(out var time))
            {
                return line;
            }

            var text = new StringBuilder()
                .Append(time.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture))
                .Append(' ').Append(Level(Text(e, "@l")))
                .Append(' ').Append(Text(e, "@m") ?? RenderTemplate(Text(e, "@mt") ?? "", e));
            if ((Text(e, "TraceId") ?? Text(e, "@tr")) is { Length: > 0 } trace)
            {
                text.Append(" (trace ").Append(trace).Append(')');
            }

            if (Text(e, "@x") is { Length: > 0 } exception)
            {
                text.Append('\n').Append(exception.TrimEnd());
            }

            return text.ToString();
        }
        catch (JsonException)
        {
            return line;
        }
    }

    // CLEF leaves @l out for Information.
    private static string Level(string? level) => level switch
    {
        null or "Information" => "INF",
        "Verbose" => "VRB",
        "Debug" => "DBG",
        "Warning" => "WRN",
        "Error" => "ERR",
        "Fatal" => "FTL",
        _ => level.ToUpperInvariant(),
    };

    /// <summary>For <c>@mt</c> without <c>@m</c>: each {Name}, {@Name}, {$Name} or {Name:format} becomes the property's value.</summary>
    private static string RenderTemplate(string template, JsonElement e) =>
        Hole().Replace(template, m => m.Value switch
        {
            "{{" => "{",
            "}}" => "}",
            _ => e.TryGetProperty(m.Groups["name"].Value, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
                : m.Value,
        });

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;

    [GeneratedRegex(@"\{\{|\}\}|\{[@$]?(?<name>[A-Za-z0-9_]+)(?:[,:][^}]*)?\}")]
    private static partial Regex Hole();
}
