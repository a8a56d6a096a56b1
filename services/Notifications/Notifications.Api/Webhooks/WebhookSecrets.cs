using System.Security.Cryptography;
using StandardWebhooks;

namespace Notifications.Api.Webhooks;

/// <summary>Secrets in the Standard Webhooks form (<c>whsec_</c> + base64 of 32 random bytes) and signing with them.</summary>
internal static class WebhookSecrets
{
    public static string Create() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The <c>webhook-signature</c> value: one <c>v1,</c> signature per active secret, space-separated,
    /// so receivers holding either secret verify during a rotation.
    /// </summary>
    public static string Sign(string messageId, DateTimeOffset timestamp, string payload, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(secret => new StandardWebhook(secret).Sign(messageId, timestamp, payload)));
}
