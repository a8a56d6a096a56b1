// The namespaces most of this project's files use: the browser driver and the running suite's API client.
global using Microsoft.Playwright;
global using G2B.Testing.Suite;
