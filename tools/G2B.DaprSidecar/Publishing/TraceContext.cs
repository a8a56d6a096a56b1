using System.Security.Cryptography;

namespace G2B.DaprSidecar.Publishing;

/// <summary>W3C trace context values as daprd carries them from publisher to subscriber.</summary>
public static class TraceContext
{
    public static string NewTraceParent() =>
        $"00-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01";

    /// <summary>Accepts only a well-formed version-00 traceparent, so garbage never reaches a subscriber.</summary>
    public static bool IsValid(string? traceParent)
    {
        if (traceParent is null || traceParent.Length != 55)
        {
            return false;
        }

        var parts = traceParent.Split('-');
        return parts.Length == 4 && parts[0].Length == 2 && parts[1].Length == 32 && parts[2].Length == 16
            && parts[3].Length == 2 && parts.All(p => p.All(Uri.IsHexDigit))
            && parts[1] != new string('0', 32) && parts[2] != new string('0', 16);
    }

    /// <summary>The same trace, a new span: the sidecar's own hop when it delivers to the app.</summary>
    public static string ChildOf(string traceParent) =>
        IsValid(traceParent)
            ? $"00-{traceParent.Substring(3, 32)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-{traceParent[^2..]}"
            : NewTraceParent();
}
