using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace CompanyRegistry.Api.Search;

/// <summary>
/// Position after the last row of a page. Without a query the order is (id); with one it is
/// (score desc, name length, id), and the score and name length of a row never change for the same
/// query, so both orders are keysets: rows inserted meanwhile land before or after the position,
/// never shift a page.
/// </summary>
public sealed record SearchCursor(long LastId, float? LastScore, int LastLength = 0)
{
    public string Encode()
    {
        // "r" (ranked); the earlier "s" form ordered by score and id only, so it is no longer accepted.
        var text = LastScore is { } score
            ? $"r|{score.ToString("R", CultureInfo.InvariantCulture)}|{LastLength.ToString(CultureInfo.InvariantCulture)}|{LastId.ToString(CultureInfo.InvariantCulture)}"
            : $"i|{LastId.ToString(CultureInfo.InvariantCulture)}";
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    public static bool TryDecode(string? value, [NotNullWhen(true)] out SearchCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value) || value.Length > 200 || !Base64Url.IsValid(value))
        {
            return false;
        }
        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value)).Split('|');
        switch (parts)
        {
            case ["i", var id] when long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var lastId):
                cursor = new SearchCursor(lastId, null);
                return true;
            case ["r", var s, var length, var id]
                when float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
                    && float.IsFinite(score)
                    && int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var lastLength)
                    && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var lastId):
                cursor = new SearchCursor(lastId, score, lastLength);
                return true;
            default:
                return false;
        }
    }
}
