using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/OneTime.Benchmarks -- --filter '*'           every benchmark
// dotnet run -c Release --project tests/OneTime.Benchmarks -- --filter '*Envelope*' --job short   a quick look
//
// Always in this process: BenchmarkDotNet's usual separate build passes one IntermediateOutputPath to every project,
// where the server's and the client's code generated from the same .proto files (public in one, internal in the other)
// overwrite each other and the build fails.
string[] inProcess = args.Contains("--inProcess") || args.Contains("-i") ? args : [.. args, "--inProcess"];
BenchmarkSwitcher.FromAssembly(typeof(OneTime.Benchmarks.EnvelopeBenchmarks).Assembly).Run(inProcess);
