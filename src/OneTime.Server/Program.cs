using OneTime.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddOneTimeServer();

var app = builder.Build();
app.MapOneTimeServer();
app.Run();
