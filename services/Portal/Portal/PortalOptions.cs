namespace Portal;

/// <summary>The portal's settings (section <c>Portal</c>); sign-in settings are in <see cref="Auth.SignInOptions"/>.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The gateway every API call goes through (the public API, never a service directly).</summary>
    public string GatewayUrl { get; set; } = "";

    /// <summary>Where people reach the suite (verification links and their QR codes); empty: the request's own origin.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Times are shown in this zone (IANA id).</summary>
    public string TimeZone { get; set; } = "Asia/Ashgabat";

    /// <summary>A licence is flagged for renewal this many days before it ends (unless its type says otherwise).</summary>
    public int RenewalWindowDays { get; set; } = 60;

    /// <summary>How often an open application page asks whether its state changed.</summary>
    public int LiveRefreshSeconds { get; set; } = 3;

    /// <summary>Who receives licence fees, for the payment QR code.</summary>
    public PayeeOptions Payee { get; set; } = new();
}

public sealed class PayeeOptions
{
    public string Name { get; set; } = "";

    /// <summary>The payee's account: an IBAN where the currency is EUR (EPC069-12), else the national account number.</summary>
    public string Account { get; set; } = "";

    /// <summary>Optional BIC (EPC069-12 version 002 lets banks in the EEA leave it out).</summary>
    public string? Bic { get; set; }
}
