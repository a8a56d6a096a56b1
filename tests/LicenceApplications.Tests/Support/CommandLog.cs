using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LicenceApplications.Tests.Support;

/// <summary>The SQL the service's DbContext sends, so a test can count the round trips of one request.</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _texts = new();

    public IReadOnlyCollection<string> Texts => _texts.ToArray();

    public void Clear() => _texts.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _texts.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }
}
