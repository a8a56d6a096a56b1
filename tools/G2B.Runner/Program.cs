using G2B.Runner.Cli;

// `up` runs the suite of tye.yaml until Ctrl-C / SIGTERM; see UpCommand. `--help` lists the options.
return await RunnerCommandLine.InvokeAsync(args);
