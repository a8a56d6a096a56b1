using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LicenceApplications.Tests.Support;

/// <summary>
/// Runs an action once, just before the next SaveChanges of any context writes: the deterministic
/// way to land a concurrent write (an event handler's) between a command's read and its write.
/// </summary>
public sealed class SaveHook : SaveChangesInterceptor
{
    private Func<Task>? _beforeNextSave;

    public void BeforeNextSave(Func<Task> action) => _beforeNextSave = action;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _beforeNextSave, null) is { } action)
        {
            await action();
        }

        return result;
    }
}
