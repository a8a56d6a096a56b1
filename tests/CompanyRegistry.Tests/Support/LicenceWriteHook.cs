using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CompanyRegistry.Tests.Support;

/// <summary>
/// Runs an action once, just before the next command that writes a <c>company_licences</c> row: the
/// deterministic way to land a second licence event between the first one's start and its write.
/// </summary>
public sealed class LicenceWriteHook : DbCommandInterceptor
{
    private readonly OneShot _beforeNextWrite = new();

    public void BeforeNextLicenceWrite(Func<Task> action) => _beforeNextWrite.Arm(action);

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await RunIfLicenceWriteAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await RunIfLicenceWriteAsync(command);
        return result;
    }

    private async Task RunIfLicenceWriteAsync(DbCommand command)
    {
        var text = command.CommandText.Replace("\"", "", StringComparison.Ordinal);
        if (text.Contains("INSERT INTO company_licences", StringComparison.OrdinalIgnoreCase)
            || text.Contains("UPDATE company_licences", StringComparison.OrdinalIgnoreCase))
        {
            await _beforeNextWrite.FireAsync();
        }
    }
}
