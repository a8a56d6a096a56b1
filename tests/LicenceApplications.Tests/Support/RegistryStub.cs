using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace LicenceApplications.Tests.Support;

/// <summary>
/// The company registry as WireMock plays it: the internal endpoints licence applications asks at
/// submission (owner and status) and at issue (status). One mapping per company and path, replaced
/// in place, so a test moves the registry's truth on by calling this again.
/// </summary>
public static class RegistryStub
{
    private static readonly ConcurrentDictionary<string, (string Owner, string[] Codes, string LegalName)> _facts = new();

    public static void RegistryKnows(
        this LicenceApplicationsApp app, string number, string owner, string[]? activityCodes = null, string status = "Active",
        long version = 1, string? legalName = null)
    {
        _facts[number] = (owner, activityCodes ?? ["47.11", "47.73", "56.10", "41.20"], legalName ?? $"Company {number} LLC");
        RegistryStatusIs(app, number, status, version);
    }

    /// <summary>The registry's company moves to <paramref name="status"/> (its event may not have arrived yet).</summary>
    public static void RegistryStatusIs(this LicenceApplicationsApp app, string number, string status, long version)
    {
        if (_facts.TryGetValue(number, out var facts))
        {
            Json(app, $"/internal/companies/{number}", new
            {
                registrationNumber = number, legalName = facts.LegalName, ownerSubject = facts.Owner,
                activityCodes = facts.Codes, status, version,
            });
        }

        Json(app, $"/internal/companies/{number}/status", new { registrationNumber = number, status, version });
    }

    public static void RegistryAnswers(this LicenceApplicationsApp app, string path, int statusCode) =>
        app.Registry.Given(Request.Create().WithPath(path).UsingGet()).WithGuid(GuidFor(path))
            .RespondWith(Response.Create().WithStatusCode(statusCode));

    private static void Json(LicenceApplicationsApp app, string path, object body) =>
        app.Registry.Given(Request.Create().WithPath(path).UsingGet()).WithGuid(GuidFor(path))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(body));

    private static Guid GuidFor(string path) => new(MD5.HashData(Encoding.UTF8.GetBytes(path)));
}
