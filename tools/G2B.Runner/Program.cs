using G2B.Runner.Cli;

// `up` runs the suite of tye.yaml until Ctrl-C / SIGTERM; see UpCommand.
return args is ["up", .. var rest]
    ? await UpCommand.RunAsync(rest)
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("""
        usage: G2B.Runner up [--no-build] [--configuration Debug|Release] [--free-ports] [--only name,name] [--work-dir DIR]
          Runs PostgreSQL, Redis, a Dapr sidecar per service and every service of tye.yaml, restarting
          whatever dies (1 s backoff, doubling to 30 s); Ctrl-C stops them all and restarts nothing.
        """);
    return 2;
}
