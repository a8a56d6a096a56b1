using G2B.Eventing.Tests.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace G2B.Eventing.Tests.Outbox;

/// <summary>EF declares the context of a saving event nullable: one without a context is passed through untouched (no database needed).</summary>
public sealed class OutboxSignalInterceptorWithoutContextTests
{
    [Fact]
    public async Task A_saving_event_without_a_context_is_passed_through()
    {
        var interceptor = new OutboxSignalInterceptor<EventingTestDbContext>(new OutboxSignal<EventingTestDbContext>());
        var saving = new DbContextEventData(null!, null!, context: null);
        var result = InterceptionResult<int>.SuppressWithResult(3);

        interceptor.SavingChanges(saving, result).Should().Be(result);
        (await interceptor.SavingChangesAsync(saving, result)).Should().Be(result);
    }
}
