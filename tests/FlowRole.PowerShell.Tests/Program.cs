using System;
using FlowRole.PowerShell.Tests.Benchmark;

namespace FlowRole.PowerShell.Tests;

/// <summary>
/// The test project's entry point: <c>dotnet run -c Release --project tests/FlowRole.PowerShell.Tests -- bench</c> runs
/// the PowerShell benchmark (the test host does not use this Main).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && string.Equals(args[0], "bench", StringComparison.OrdinalIgnoreCase))
        {
            return PowerShellBenchmark.Run(args[1..]);
        }

        Console.Error.WriteLine("usage: FlowRole.PowerShell.Tests bench [--flows N] [--rows N] [--runs N] [--skip-objects] [--skip-log]");
        Console.Error.WriteLine("       (the tests run with `dotnet test`)");
        return 2;
    }
}
