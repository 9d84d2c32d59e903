using OneTime.Server;

try
{
    // The slim host leaves out what the server never uses (IIS integration, HTTP/3, hosting startup assemblies), which
    // is memory at idle; HTTPS endpoints from configuration (OneTime:Tls) are added back.
    var builder = WebApplication.CreateSlimBuilder(OneTimeHost.Options(args));
    builder.WebHost.UseKestrelHttpsConfiguration();
    builder.AddOneTimeServer();

    var app = builder.Build();
    app.MapOneTimeServer();
    app.Run();
    return 0;
}
catch (Exception failure) when (OneTimeHost.Explain(failure) is { } explanation)
{
    // A configuration mistake is the operator's to fix: one line saying which setting, no stack trace, exit code 1.
    Console.Error.WriteLine(explanation);
    return 1;
}
