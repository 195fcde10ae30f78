using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using Xunit;

namespace FlowRole.Cli.Tests;

/// <summary>Runs a build of the tool as a separate process: real standard streams, real exit codes.</summary>
internal static class CliProcess
{
    /// <summary>Runs <paramref name="executable"/> with <paramref name="arguments"/>, feeding it <paramref name="stdin"/> (null: none).</summary>
    public static (int Code, string Output, string Error) Run(string executable, IEnumerable<string> arguments, string? stdin)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using Process process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        Assert.True(process.WaitForExit(60_000), executable + " did not finish");
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
