using System.Text.Json.Nodes;

namespace Portal.Business;

/// <summary>
/// What a business chose on the notices page, as the merge-patch of <c>PATCH /api/companies/{n}</c>: the API does not
/// show the contact fields, so the page offers changes only ("keep" leaves a field out of the patch; "none" sends an
/// explicit null, which removes the address).
/// </summary>
public static class NoticeChoice
{
    public const string Keep = "keep";
    public const string NewAddress = "new";
    public const string NoMail = "none";

    /// <summary>The patch for the choice; null when nothing is to change.</summary>
    public static JsonObject? Patch(string? address, string? email, string? language)
    {
        var patch = new JsonObject();
        switch (address)
        {
            case NewAddress:
                patch["contactEmail"] = email?.Trim();
                break;
            case NoMail:
                patch["contactEmail"] = null;
                break;
        }

        if (!string.IsNullOrEmpty(language))
        {
            patch["preferredLanguage"] = language;
        }

        return patch.Count == 0 ? null : patch;
    }
}
