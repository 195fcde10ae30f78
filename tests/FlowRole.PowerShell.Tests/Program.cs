using System;
using System.Collections.Generic;
using FlowRole.PowerShell.Tests.Benchmark;
using FlowRole.PowerShell.Tests.Infrastructure;

namespace FlowRole.PowerShell.Tests;

/// <summary>
/// The test project's entry point (the test host does not use it):
/// <c>bench</c> runs the PowerShell benchmark; <c>run script.ps1 [-Name value]...</c> runs a script in the hosted engine
/// the way <c>pwsh -File</c> would (this machine has no pwsh), returning its exit code.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && string.Equals(args[0], "bench", StringComparison.OrdinalIgnoreCase))
        {
            return PowerShellBenchmark.Run(args[1..]);
        }

        if (args.Length > 1 && string.Equals(args[0], "run", StringComparison.OrdinalIgnoreCase))
        {
            var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (int i = 2; i < args.Length; i++)
            {
                if (args[i].StartsWith('-') && args[i].Length > 1)
                {
                    string name = args[i][1..];
                    bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith('-');
                    parameters[name] = hasValue ? args[++i] : true;
                }
            }

            ScriptRun run = ScriptRunner.Run(System.IO.Path.GetFullPath(args[1]), parameters, Environment.CurrentDirectory);
            Console.Out.Write(run.Output);
            foreach (string error in run.Errors)
            {
                Console.Error.WriteLine(error);
            }

            return run.ExitCode;
        }

        Console.Error.WriteLine("usage: FlowRole.PowerShell.Tests bench [--flows N] [--rows N] [--runs N]");
        Console.Error.WriteLine("       FlowRole.PowerShell.Tests run SCRIPT.ps1 [-Name value | -Switch]...");
        Console.Error.WriteLine("       (the tests run with `dotnet test`)");
        return 2;
    }
}
