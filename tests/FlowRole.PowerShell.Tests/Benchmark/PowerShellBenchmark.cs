namespace FlowRole.PowerShell.Tests.Benchmark;

public static class PowerShellBenchmark
{
    public static int Run(string[] args) => 0;
}
