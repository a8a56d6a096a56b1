using System.Xml.Linq;

namespace Portal.Tests;

/// <summary>The portal's words as its resource files have them, so a test checks the page shows the right language.</summary>
internal static class Words
{
    private static readonly Dictionary<string, Dictionary<string, string>> _byLanguage = new();

    public static Dictionary<string, string> Of(string language)
    {
        lock (_byLanguage)
        {
            if (!_byLanguage.TryGetValue(language, out var words))
            {
                var file = Path.Combine(Repo.Portal, "Resources", language == "en" ? "SharedResource.resx" : $"SharedResource.{language}.resx");
                words = XDocument.Load(file).Root!.Elements("data")
                    .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
                _byLanguage[language] = words;
            }

            return words;
        }
    }

    public static string Get(string language, string key, params object[] args) => string.Format(Of(language)[key], args);
}
