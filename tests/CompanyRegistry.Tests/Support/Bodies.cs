using System.Text.Json;
using System.Text.Json.Serialization;
using AwesomeAssertions.Equivalency;

namespace CompanyRegistry.Tests.Support;

// What the contract says the registry answers, written out here rather than borrowed from the service,
// so a renamed or dropped field fails the tests instead of changing both sides at once.

public sealed record AddressBody(string Line1, string? Line2, string City, string? Region, string? PostalCode, string Country);

public sealed record LicenceBody(string LicenceNumber, string LicenceType, string Status, DateOnly ValidUntil);

public sealed record CompanyBody(
    string RegistrationNumber,
    string LegalName,
    string LegalForm,
    string TaxId,
    AddressBody Address,
    List<string> ActivityCodes,
    string Status,
    DateTimeOffset RegisteredAt,
    List<LicenceBody> Licences);

public sealed record CompanyPageBody(List<CompanyBody> Items, string? NextCursor);

/// <summary>One history entry; <see cref="Changes"/> is free-form JSON by design.</summary>
public sealed record HistoryEntryBody(DateTimeOffset At, string Actor, string Action, string? Reason, JsonElement Changes);

/// <summary>RFC 9457 problem details; extensions (traceId, correlationId) are open, so only these are read.</summary>
public sealed record ProblemBody(string Type, string Title, int Status, string? Detail, Dictionary<string, string[]>? Errors);

/// <summary>The company-amended event as written to the outbox (the whole payload: base fields and the record's own).</summary>
public sealed record CompanyAmendedEventBody(
    Guid Id,
    DateTimeOffset OccurredAt,
    string RegistrationNumber,
    string LegalName,
    List<string> ActivityCodes,
    List<string> ChangedFields,
    string? ContactEmail,
    string? PreferredLanguage,
    string AmendedBy,
    long Version,
    DateTimeOffset AmendedAt);

public static class Bodies
{
    /// <summary>Strict: a missing, null-where-not-allowed or unknown member fails the read.</summary>
    public static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static readonly JsonSerializerOptions Lenient = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Compares a company answered at once by a write with the same company read back: PostgreSQL keeps
    /// microseconds, so the write's timestamps may carry one more digit than the read's.
    /// </summary>
    public static EquivalencyOptions<CompanyBody> AsStored(EquivalencyOptions<CompanyBody> options) =>
        options.Using<DateTimeOffset>(c => c.Subject.Should().BeCloseTo(c.Expectation, TimeSpan.FromMicroseconds(1))).WhenTypeIs<DateTimeOffset>();
}
