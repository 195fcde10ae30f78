using System;
using System.IO;
using System.Reflection;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Hosting;

namespace FlowRole.Splunk;

/// <summary>
/// Entry point: serves one SCPv2 exchange over stdin/stdout. splunkd passes no protocol arguments; the only
/// command-line options come from commands.conf (<c>command.arg.1 = --command=portinfo</c>).
/// </summary>
public static class Program
{
    /// <summary>Runs the command over stdin/stdout; returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        InstructionSetVariant.ExecIfBetter(args);
        if (args.Length == 1 && args[0] is "--help" or "-h" or "--version")
        {
            Console.WriteLine(args[0] == "--version" ? Version : Usage);
            return SearchCommandHost.ExitSuccess;
        }

        HostOptions options = ParseArguments(args, AppLocator.FindAppDirectory(Environment.ProcessPath));
        PipeBuffers.Widen();
        using Stream stdin = Console.OpenStandardInput();
        using Stream stdout = Console.OpenStandardOutput();

        // stdout carries protocol bytes only: anything else that writes to the console lands on stderr, which
        // splunkd copies into search.log.
        Console.SetOut(Console.Error);
        using var buffered = new BufferedStream(stdout, 64 * 1024);
        return new SearchCommandHost(options).Run(stdin, buffered, Console.Error);
    }

    /// <summary>The version string.</summary>
    internal static string Version =>
        "flowrole " + (typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown")
        + " (" + InstructionSetVariant.Level + ")";

    /// <summary>Reads the command line into host options; problems are reported to the user at getinfo.</summary>
    internal static HostOptions ParseArguments(string[] args, string? appDirectory)
    {
        string? command = null;
        string? error = null;
        foreach (string arg in args)
        {
            if (arg.StartsWith("--command=", StringComparison.Ordinal))
            {
                command = arg["--command=".Length..];
            }
            else if (arg == "--passthrough")
            {
                command = PassThroughCommand.CommandName;
            }
            else
            {
                error ??= "unexpected command-line argument '" + arg + "' (check command.arg.N in commands.conf; "
                    + "__GETINFO__/__EXECUTE__ mean the stanza lacks chunked = true)";
            }
        }

        if (command is not null && !CommandCatalog.All.ContainsKey(command))
        {
            error ??= "unknown command '" + command + "' in --command (known: " + string.Join(", ", CommandCatalog.All.Keys) + ")";
        }

        return new HostOptions
        {
            Commands = CommandCatalog.All,
            CommandName = error is null ? command : null,
            AppDirectory = appDirectory,
            StartupError = error,
        };
    }

    private const string Usage =
        "flowrole: a Splunk custom search command (SCPv2, chunked). splunkd runs it; it reads the protocol on stdin\n"
        + "and writes replies on stdout.\n"
        + "  --command=flowrole|portinfo   which command to serve (default: searchinfo.command, else flowrole)\n"
        + "  --passthrough                 copy records unchanged (protocol cost only; for benchmarks)\n"
        + "  --version                     print the version";
}
