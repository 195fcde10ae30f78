using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using FlowRole.Addresses;
using FlowRole.Cli.Arguments;
using FlowRole.Cli.Hosting;
using FlowRole.Fields;
using FlowRole.Policy;

namespace FlowRole.Cli.Commands;

/// <summary><c>flowrole policy show|validate</c>: the effective suspicious-port policy, and checking policy files.</summary>
internal sealed class PolicyCommand : Command
{
    private static readonly OptionSpec[] OptionList =
    {
        new("format", 'f', "FORMAT", "For show: json (the effective policy as a self-contained policy file, the default) or table (a summary of the rules)."),
    };

    public override string Name => "policy";

    public override string Summary => "Show the effective suspicious-port policy (the embedded default, or FILE layered over it), or validate policy files.";

    public override string Usage => "flowrole policy show [--format json|table] [FILE]\n       flowrole policy validate FILE...";

    public override IReadOnlyList<OptionSpec> Options => OptionList;

    public override string Details =>
        "validate prints every error with its file, line and column on standard error and exits with code 2 when any\n"
        + "file is invalid; a valid file prints one line saying how many rules the effective policy has.\n";

    public override int Run(ParsedArguments args, CliConsole console)
    {
        if (args.Positionals.Count == 0)
        {
            throw new UsageException("policy: say show or validate");
        }

        string verb = args.Positionals[0];
        var files = args.Positionals.GetRange(1, args.Positionals.Count - 1);
        switch (verb)
        {
            case "show":
                if (files.Count > 1)
                {
                    throw new UsageException("policy show: give at most one policy file");
                }

                PortPolicy policy = files.Count == 0 ? PortPolicy.Default : Load(files[0]);
                string format = args.Choice("format", "json", "json", "table");
                console.Write(format == "json" ? policy.ToJson().TrimEnd('\n') + "\n" : Describe(policy, files.Count == 0 ? null : files[0]));
                return ExitCodes.Success;

            case "validate":
                if (files.Count == 0)
                {
                    throw new UsageException("policy validate: give one or more policy files");
                }

                if (args.Has("format"))
                {
                    throw new UsageException("policy validate: --format applies to show only");
                }

                bool allValid = true;
                foreach (string file in files)
                {
                    IReadOnlyList<PolicyError> errors = PortPolicy.ValidateFile(file);
                    if (errors.Count > 0)
                    {
                        allValid = false;
                        foreach (PolicyError error in errors)
                        {
                            console.Error.WriteLine("flowrole: " + error);
                        }

                        continue;
                    }

                    int rules = PortPolicy.Load(file).Rules.Count;
                    console.Write(file + ": valid; the effective policy has " + rules.ToString(CultureInfo.InvariantCulture) + " rules\n");
                }

                return allValid ? ExitCodes.Success : ExitCodes.Usage;

            default:
                throw new UsageException("policy: '" + verb + "' is not show or validate");
        }
    }

    private static PortPolicy Load(string path)
    {
        try
        {
            return PortPolicy.Load(path);
        }
        catch (PolicyException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static string Describe(PortPolicy policy, string? file)
    {
        var sb = new StringBuilder();
        sb.Append("Policy: ").Append(file is null ? "the embedded default" : file + " over the embedded default").Append('\n');
        sb.Append("Suspicious at: ").Append(FlowNames.Name(policy.Threshold)).Append(" and above\n");
        sb.Append("Internal networks: ");
        if (policy.InternalNetworks.IsEmpty)
        {
            sb.Append("private, shared (CGNAT), unique-local, loopback and link-local ranges\n");
        }
        else
        {
            var names = new List<string>();
            foreach (IpNetwork n in policy.InternalNetworks.Networks)
            {
                names.Add(n.ToString());
            }

            sb.Append(string.Join(", ", names)).Append('\n');
        }

        sb.Append("Allow-list entries: ").Append(policy.Allow.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("Rules: ").Append(policy.Rules.Count.ToString(CultureInfo.InvariantCulture)).Append("\n\n");

        var rows = new List<string[]> { new[] { "ID", "SEVERITY", "TRANSPORT", "DIRECTION", "SERVER PORTS", "TITLE" } };
        foreach (PolicyRule rule in policy.Rules)
        {
            rows.Add(new[]
            {
                rule.Id,
                FlowNames.Name(rule.Severity),
                PolicyRuleText.Transports(rule.Transports),
                PolicyRuleText.Directions(rule.Directions),
                rule.ServerPorts is { } ports ? Shorten(ports.ToString(), 30) : "any",
                rule.Title,
            });
        }

        var widths = new int[rows[0].Length];
        foreach (string[] row in rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (string[] row in rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                sb.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text.Substring(0, max - 3) + "...";
}
