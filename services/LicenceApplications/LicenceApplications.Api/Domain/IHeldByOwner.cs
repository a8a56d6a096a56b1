namespace LicenceApplications.Api.Domain;

/// <summary>What a business owner holds for one of their companies: its applications and its licences.</summary>
public interface IHeldByOwner
{
    string RegistrationNumber { get; }

    string OwnerSubject { get; }
}

public static class HeldByOwnerQueries
{
    /// <summary>
    /// Narrows a list to what <paramref name="ownerSubject"/> holds (null: every holder, as a regulator sees it)
    /// and to one company (blank: every company).
    /// </summary>
    public static IQueryable<T> HeldBy<T>(this IQueryable<T> query, string? ownerSubject, string? registrationNumber)
        where T : class, IHeldByOwner
    {
        if (ownerSubject is not null)
        {
            query = query.Where(h => h.OwnerSubject == ownerSubject);
        }

        if (!string.IsNullOrWhiteSpace(registrationNumber))
        {
            var number = registrationNumber.Trim();
            query = query.Where(h => h.RegistrationNumber == number);
        }

        return query;
    }
}
