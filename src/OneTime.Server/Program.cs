using Microsoft.Extensions.Options;
using OneTime.Server;

try
{
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.WebHost.UseKestrelHttpsConfiguration();
    builder.AddOneTimeServer();

    var app = builder.Build();
    app.MapOneTimeServer();
    app.Run();
    return 0;
}
catch (OptionsValidationException invalid)
{
    // A configuration mistake is the operator's to fix: say which setting, without a stack trace.
    Console.Error.WriteLine($"OneTime cannot start: {string.Join(" ", invalid.Failures)}");
    return 1;
}
