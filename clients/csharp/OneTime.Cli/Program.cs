using OneTime.Cli;

return await OnetimeCli.RunAsync(args);
