namespace LicenceApplications.Api.Domain;

/// <summary>
/// The first successful answer to a POST with an Idempotency-Key, kept so a retry gets the same
/// answer. Unique per (owner, key): two callers may pick the same key without colliding.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; init; }

    public string OwnerSubject { get; init; } = "";

    public string Key { get; init; } = "";

    public string RequestHash { get; init; } = "";

    public int ResponseStatus { get; init; }

    public string ResponseBody { get; init; } = "";

    public string? ResponseLocation { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A per-type, per-year counter behind human-readable licence numbers.</summary>
public sealed class LicenceNumberCounter
{
    public string LicenceType { get; init; } = "";

    public int Year { get; init; }

    public long LastValue { get; init; }
}
