using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LicenceApplications.Tests.Support;

/// <summary>
/// Runs an action once, just before the next SaveChanges of any context writes: the deterministic
/// way to land a concurrent write (an event handler's) between a command's read and its write.
/// </summary>
public sealed class SaveHook : SaveChangesInterceptor
{
    private readonly OneShot _beforeNextSave = new();

    public void BeforeNextSave(Func<Task> action) => _beforeNextSave.Arm(action);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await _beforeNextSave.FireAsync();
        return result;
    }
}
