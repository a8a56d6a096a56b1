namespace LicenceApplications.Api.Domain;

/// <summary>Why a request could not be carried out; the endpoints turn each kind into its problem response.</summary>
public enum RefusalKind
{
    /// <summary>A field of the request is wrong (<see cref="Refusal.Code"/> names the field).</summary>
    Invalid,
    NotFound,
    Forbidden,
    /// <summary>The current state does not allow it; <see cref="Refusal.Code"/> is the problem slug.</summary>
    Conflict,
    Unprocessable,
    /// <summary>A peer that must be asked could not answer.</summary>
    Unavailable,
}

/// <summary>
/// A rule's or a lookup's "no", returned rather than thrown: it is an expected answer, and normal
/// traffic raises no exceptions. Illegal transitions of an entity stay <c>InvalidStateException</c>.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Code, string Title, string Detail)
{
    public static Refusal Invalid(string field, string message) => new(RefusalKind.Invalid, field, "", message);

    public static Refusal NotFound(string detail) => new(RefusalKind.NotFound, "not-found", "Not found.", detail);

    public static Refusal Forbidden(string detail) => new(RefusalKind.Forbidden, "forbidden", "Forbidden.", detail);

    public static Refusal Conflict(string slug, string title, string detail) => new(RefusalKind.Conflict, slug, title, detail);

    public static Refusal RegistryUnavailable(string detail) =>
        new(RefusalKind.Unavailable, "registry-unavailable", "The company registry cannot be reached.", detail);

    public static Refusal CompanyNotActive(string detail) => Conflict("company-not-active", "The company is not active.", detail);
}

/// <summary>Either the result of a command or the refusal that stopped it.</summary>
public readonly record struct Outcome<T>(T? Value, Refusal? Refusal)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}
