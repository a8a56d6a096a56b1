namespace CompanyRegistry.Api.Domain;

public enum CompanyStatus
{
    Active,
    Suspended,
    Dissolved,
}

public enum LegalForm
{
    LLC,
    JSC,
    SoleProprietor,
    Partnership,
    Branch,
}

public static class HistoryActions
{
    public const string Registered = "Registered";
    public const string Suspended = "Suspended";
    public const string Reinstated = "Reinstated";
    public const string Dissolved = "Dissolved";
    public const string LicenceAdded = "LicenceAdded";
    public const string LicenceChanged = "LicenceChanged";
}
