namespace CompanyRegistry.Api.Domain;

/// <summary>Stored as text, so the names are part of the database and the public contract.</summary>
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

/// <summary>
/// The company lifecycle as data: every transition not listed here is illegal, whoever asks for it.
/// Suspend and reinstate are the regulator's, dissolution the owner's; nothing leaves Dissolved.
/// </summary>
public static class CompanyStateMachine
{
    private static readonly Dictionary<CompanyStatus, CompanyStatus[]> _allowed = new()
    {
        [CompanyStatus.Active] = [CompanyStatus.Suspended, CompanyStatus.Dissolved],
        [CompanyStatus.Suspended] = [CompanyStatus.Active, CompanyStatus.Dissolved],
        [CompanyStatus.Dissolved] = [],
    };

    public static bool CanMove(CompanyStatus from, CompanyStatus to) => _allowed[from].Contains(to);
}

public static class HistoryActions
{
    public const string Registered = "Registered";
    public const string Suspended = "Suspended";
    public const string Reinstated = "Reinstated";
    public const string Dissolved = "Dissolved";
    public const string Amended = "Amended";
    public const string LicenceAdded = "LicenceAdded";
    public const string LicenceChanged = "LicenceChanged";
}
