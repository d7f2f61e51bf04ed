using Playtrail.LoadTest.Floor;

var builder = WebApplication.CreateSlimBuilder(args);

// The server logs no line per request in its shipped configuration; neither may the floor.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

var app = builder.Build();
app.MapFloorEndpoints();
app.Run();
