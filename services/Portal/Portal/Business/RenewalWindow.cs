namespace Portal.Business;

/// <summary>
/// When a licence may be renewed, by the API's rule (docs/api-contract.md): an Active or Expired licence, from its
/// type's <c>renewalWindowDays</c> before <c>validUntil</c> until <c>renewalGraceDays</c> after it. The dashboard's
/// "Renew soon" flag and the licence page's Renew button both ask this.
/// </summary>
public static class RenewalWindow
{
    public static bool IsOpen(string status, DateOnly validUntil, LicenceTypeDto? type, int defaultWindowDays, DateOnly today)
    {
        if (status is not ("Active" or "Expired"))
        {
            return false;
        }

        var opens = validUntil.AddDays(-(type?.RenewalWindowDays ?? defaultWindowDays));
        var closes = validUntil.AddDays(type?.RenewalGraceDays ?? 0);
        return today >= opens && today <= closes;
    }
}
