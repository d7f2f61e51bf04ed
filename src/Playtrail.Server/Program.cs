using Playtrail.Server.Hosting;

var app = await PlaytrailServer.BuildAsync(args);
await app.RunAsync();

/// <summary>The server's entry point; public so tests can reference the assembly.</summary>
public partial class Program;
