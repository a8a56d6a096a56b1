namespace G2B.Runner.Supervision;

/// <summary>
/// One thing the runner keeps alive: a service, a sidecar, PostgreSQL, Redis or the demo bank.
/// </summary>
/// <param name="Name">As in tye.yaml (a sidecar is "&lt;service&gt;-dapr").</param>
/// <param name="WaitForExitAsync">Completes when the current run has ended, with its exit code when known
/// (null for a daemon that is not our child, such as the postmaster). Completes at once if it is not running.</param>
/// <param name="StartAsync">Starts it again with the same ports and settings and completes once it is healthy.</param>
public sealed record SupervisedUnit(
    string Name,
    Func<CancellationToken, Task<int?>> WaitForExitAsync,
    Func<CancellationToken, Task> StartAsync);
