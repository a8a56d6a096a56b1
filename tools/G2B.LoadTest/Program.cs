using G2B.LoadTest;

// Usage: dotnet run --project tools/G2B.LoadTest -c Release -- [--journeys 200] [--concurrency 16]
//   [--gateway http://127.0.0.1:8080] [--direct http://127.0.0.1:5102] [--probes 2000] [--warmup 3]
//   [--timeout 60] [--bank-code DEMOBANK] [--bank-secret local-demo-bank-secret] [--wait stream|poll]
// Bounded: it runs the given number of journeys and probes against loopback, then stops.
return await LoadTool.RunAsync(args, Console.Out);
