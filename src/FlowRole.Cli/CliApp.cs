using System;
using System.Collections.Generic;
using System.IO;
using FlowRole.Cli.Arguments;
using FlowRole.Cli.Commands;
using FlowRole.Cli.Hosting;

namespace FlowRole.Cli;

/// <summary>Dispatches a command line to a command and turns failures into messages and exit codes.</summary>
internal static class CliApp
{
    public static readonly IReadOnlyList<Command> Commands = new Command[]
    {
        new ClassifyCommand(),
        new PortCommand(),
        new PolicyCommand(),
        new FieldsCommand(),
        new ExplainCommand(),
    };

    public static int Run(string[] args, CliConsole console)
    {
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "-?" or "help")
            {
                if (args.Length >= 2 && Find(args[1]) is { } topic)
                {
                    console.Write(HelpText.For(topic));
                    return ExitCodes.Success;
                }

                console.Write(HelpText.General(Commands));
                return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
            }

            if (args[0] is "--version" or "-V")
            {
                console.Write("flowrole " + HelpText.Version + "\n");
                return ExitCodes.Success;
            }

            Command? command = Find(args[0]);
            if (command is null)
            {
                throw new UsageException("unknown command '" + args[0] + "' (commands: classify, port, policy, fields, explain; see flowrole --help)");
            }

            ParsedArguments parsed = ArgumentParser.Parse(args, 1, command.Options);
            if (parsed.Help)
            {
                console.Write(HelpText.For(command));
                return ExitCodes.Success;
            }

            return command.Run(parsed, console);
        }
        catch (UsageException ex)
        {
            console.Error.WriteLine("flowrole: " + ex.Message);
            return ExitCodes.Usage;
        }
        catch (IOException ex) when (IsBrokenPipe(ex))
        {
            return ExitCodes.BrokenPipe;
        }
        catch (IOException ex)
        {
            console.Error.WriteLine("flowrole: " + ex.Message);
            return ExitCodes.Usage;
        }
    }

    private static Command? Find(string name)
    {
        foreach (Command c in Commands)
        {
            if (c.Name == name)
            {
                return c;
            }
        }

        return null;
    }

    private static bool IsBrokenPipe(IOException ex) =>
        (ex.HResult & 0xFFFF) == 32 // EPIPE
        || ex.Message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("pipe is being closed", StringComparison.OrdinalIgnoreCase);
}
