using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using OneTime.Server;

try
{
    // The slim host leaves out what the server never uses (IIS integration, HTTP/3, hosting startup assemblies), which
    // is memory at idle; HTTPS endpoints from configuration (OneTime:Tls) are added back.
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
catch (IOException bind) when (bind.InnerException is AddressInUseException)
{
    // Kestrel's message names the address: "Failed to bind to address http://…: address already in use."
    Console.Error.WriteLine($"OneTime cannot start: {bind.Message}");
    return 1;
}
