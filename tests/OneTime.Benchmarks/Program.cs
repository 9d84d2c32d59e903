using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/OneTime.Benchmarks -- --filter '*'           every benchmark
// dotnet run -c Release --project tests/OneTime.Benchmarks -- --filter '*Resp*' --job short   a quick look
BenchmarkSwitcher.FromAssembly(typeof(OneTime.Benchmarks.FrameBenchmarks).Assembly).Run(args);
