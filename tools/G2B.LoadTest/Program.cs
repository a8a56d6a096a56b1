using G2B.LoadTest;

// Usage: dotnet run --project tools/G2B.LoadTest -c Release -- [--journeys 200] [--concurrency 16] ... (--help lists them)
// Bounded: it runs the given number of journeys and probes against loopback, then stops.
return await LoadTool.RunAsync(args, Console.Out);
