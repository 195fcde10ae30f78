using BenchmarkDotNet.Running;

namespace FlowRole.Benchmarks;

/// <summary>
/// Runs the benchmarks: `stream ...` for the end-to-end stream benchmarks (see <see cref="StreamBenchmark"/>),
/// anything else goes to BenchmarkDotNet (e.g. `--filter *ClassifierBenchmarks*`).
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "stream")
        {
            return StreamBenchmark.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
