using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text;
using FlowRole.Cli.Arguments;

namespace FlowRole.Cli.Commands;

/// <summary>Renders help from the commands' own descriptions (the same strings docs/cli.md is checked against).</summary>
internal static class HelpText
{
    private const int Width = 100;

    public static string Version =>
        typeof(HelpText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(HelpText).Assembly.GetName().Version?.ToString() ?? "0";

    public static string General(IReadOnlyList<Command> commands)
    {
        var sb = new StringBuilder();
        sb.Append("flowrole ").Append(Version).Append(": who is the client, who is the server, and is the port use suspicious?\n\n");
        sb.Append("Usage: flowrole COMMAND [OPTIONS]\n       flowrole COMMAND --help\n       flowrole --version\n\nCommands:\n");
        int width = 0;
        foreach (Command c in commands)
        {
            width = Math.Max(width, c.Name.Length);
        }

        foreach (Command c in commands)
        {
            sb.Append("  ").Append(c.Name.PadRight(width + 2)).Append(Wrap(c.Summary, width + 4).TrimStart()).Append('\n');
        }

        sb.Append("\nExit codes:\n");
        AppendExitCodes(sb);
        return sb.ToString();
    }

    public static string For(Command command)
    {
        var sb = new StringBuilder();
        sb.Append("Usage: ").Append(command.Usage).Append("\n\n").Append(Wrap(command.Summary, 0)).Append('\n');
        if (command.Options.Count > 0)
        {
            sb.Append("\nOptions:\n");
            int width = 0;
            foreach (OptionSpec o in command.Options)
            {
                width = Math.Max(width, o.Synopsis.Length);
            }

            width += 4;
            foreach (OptionSpec o in command.Options)
            {
                string left = "  " + o.Synopsis;
                sb.Append(left.PadRight(width)).Append(Wrap(o.Description, width).TrimStart()).Append('\n');
            }

            sb.Append("  -h, --help".PadRight(width)).Append("Show this help.\n");
        }

        if (command.Details.Length > 0)
        {
            sb.Append('\n').Append(command.Details);
            if (!command.Details.EndsWith("\n", StringComparison.Ordinal))
            {
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    public static void AppendExitCodes(StringBuilder sb)
    {
        foreach ((int code, string meaning) in ExitCodes.Descriptions)
        {
            sb.Append("  ").Append(code.ToString(CultureInfo.InvariantCulture).PadRight(5)).Append(Wrap(meaning, 7).TrimStart()).Append('\n');
        }
    }

    /// <summary>Wraps text at the help width, indenting continuation lines.</summary>
    public static string Wrap(string text, int indent)
    {
        var sb = new StringBuilder();
        int column = indent;
        sb.Append(' ', indent);
        foreach (string word in text.Split(' '))
        {
            if (column > indent && column + 1 + word.Length > Width)
            {
                sb.Append('\n').Append(' ', indent);
                column = indent;
            }
            else if (column > indent)
            {
                sb.Append(' ');
                column++;
            }

            sb.Append(word);
            column += word.Length;
        }

        return sb.ToString();
    }
}
