using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Notifications.Api.Email;

public sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>
/// The mail templates (Email/Templates/{en,tk,ru}.json, embedded): each kind is a subject and
/// paragraphs with <c>{name}</c> placeholders. Plain text joins the paragraphs; HTML wraps each in
/// <c>&lt;p&gt;</c> with the values encoded, so a value can never become markup.
/// </summary>
public sealed partial class EmailTemplates
{
    public static readonly IReadOnlyList<string> Languages = ["en", "tk", "ru"];

    private readonly Dictionary<string, TemplateFile> _files = Languages.ToDictionary(l => l, Load);

    /// <summary>A language we have no templates for falls back to English.</summary>
    public static string LanguageOrDefault(string? language) =>
        language is not null && Languages.Contains(language.ToLowerInvariant()) ? language.ToLowerInvariant() : "en";

    public bool Has(string template) => _files["en"].Kinds.ContainsKey(template);

    public RenderedEmail Render(string template, string language, IReadOnlyDictionary<string, string> values)
    {
        var file = _files[LanguageOrDefault(language)];
        var kind = file.Kinds[template];
        var subject = Fill(kind.Subject, values, html: false);
        var lines = kind.Lines.Select(l => Fill(l, values, html: false)).Append(file.Footer);
        var text = string.Join("\n\n", lines) + "\n";

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(LanguageOrDefault(language)).Append("\">\n<head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(subject)).Append("</title></head>\n<body style=\"font-family: sans-serif\">\n");
        foreach (var line in kind.Lines)
        {
            html.Append("<p>").Append(Fill(WebUtility.HtmlEncode(line), values, html: true)).Append("</p>\n");
        }

        html.Append("<p style=\"color: #666; font-size: small\">").Append(WebUtility.HtmlEncode(file.Footer)).Append("</p>\n</body>\n</html>\n");
        return new RenderedEmail(subject, text, html.ToString());
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool html) =>
        Placeholder().Replace(template, m =>
        {
            var value = values.TryGetValue(m.Groups[1].Value, out var v) && !string.IsNullOrWhiteSpace(v) ? v : "—";
            return html ? "<strong>" + WebUtility.HtmlEncode(value) + "</strong>" : value;
        });

    private static TemplateFile Load(string language)
    {
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream($"Notifications.Email.{language}.json")
            ?? throw new InvalidOperationException($"No mail templates for '{language}'.");
        return JsonSerializer.Deserialize<TemplateFile>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Empty mail templates for '{language}'.");
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Placeholder();

    private sealed record TemplateFile(string Footer, Dictionary<string, TemplateKind> Kinds);

    private sealed record TemplateKind(string Subject, List<string> Lines);
}
