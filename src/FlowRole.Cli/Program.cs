using FlowRole.Cli.Hosting;

namespace FlowRole.Cli;

/// <summary>Entry point of the <c>flowrole</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the tool on the process's standard streams; returns the process exit code (see docs/cli.md).</summary>
    public static int Main(string[] args)
    {
        CliConsole console = CliConsole.System();
        try
        {
            return CliApp.Run(args, console);
        }
        finally
        {
            console.Output.Flush();
            console.Error.Flush();
        }
    }
}
