using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using FlowRole.Cli.Arguments;
using FlowRole.Cli.Hosting;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Policy;
using FlowRole.Ports;

namespace FlowRole.Cli.Commands;

/// <summary><c>flowrole port</c>: what FlowRole knows about a port number or a service name.</summary>
internal sealed class PortCommand : Command
{
    private static readonly OptionSpec[] OptionList =
    {
        new("transport", 't', "TRANSPORT", "Only this transport: tcp, udp or sctp (default: tcp and udp, and sctp when IANA assigns the port there)."),
        new("format", 'f', "FORMAT", "Output format: table or json (default: table)."),
        new("policy", null, "FILE", "Show the rules of this policy file (layered over the default) that name the port."),
    };

    public override string Name => "port";

    public override string Summary => "Look up a port number (e.g. 3389) or a service name (e.g. rdp, ms-wbt-server): IANA service, port class, OS ephemeral ranges and the policy rules that name it.";

    public override string Usage => "flowrole port [OPTIONS] PORT|SERVICE";

    public override IReadOnlyList<OptionSpec> Options => OptionList;

    public override int Run(ParsedArguments args, CliConsole console)
    {
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("port: give one port number or service name");
        }

        string query = args.Positionals[0];
        string format = args.Choice("format", "table", "table", "json");
        Transport? only = null;
        if (args.Value("transport") is { } t)
        {
            if (!FlowValueParser.TryParseTransport(t.AsSpan(), out Transport parsed) || parsed is not (Transport.Tcp or Transport.Udp or Transport.Sctp))
            {
                throw new UsageException("--transport: '" + t + "' is not tcp, udp or sctp");
            }

            only = parsed;
        }

        PortPolicy policy = PortPolicy.Default;
        if (args.Value("policy") is { } policyPath)
        {
            try
            {
                policy = PortPolicy.Load(policyPath);
            }
            catch (PolicyException ex)
            {
                throw new UsageException("--policy: " + ex.Message);
            }
        }

        var rows = new List<PortInfo>();
        if (FlowValueParser.TryParsePort(query.AsSpan(), out ushort port))
        {
            foreach (Transport transport in new[] { Transport.Tcp, Transport.Udp, Transport.Sctp })
            {
                PortInfo info = PortTable.Default.Get(port, transport);
                if ((only is null && (transport != Transport.Sctp || info.IsAssigned)) || only == transport)
                {
                    rows.Add(info);
                }
            }
        }
        else
        {
            foreach (PortInfo info in PortTable.Default.FindByService(query))
            {
                if (only is null || info.Transport == only)
                {
                    rows.Add(info);
                }
            }

            if (rows.Count == 0)
            {
                throw new UsageException("port: '" + query + "' is neither a port number (0-65535) nor a known service name");
            }
        }

        console.Write(format == "json" ? Json(rows, policy) : Table(rows, policy));
        return ExitCodes.Success;
    }

    private static List<PolicyRule> RulesFor(PortPolicy policy, PortInfo info)
    {
        var rules = new List<PolicyRule>();
        foreach (int index in policy.RulesForServerPort(info.Port, info.Transport))
        {
            rules.Add(policy.Rules[index]);
        }

        return rules;
    }

    private static string Table(List<PortInfo> rows, PortPolicy policy)
    {
        string[] headings = { "PORT", "SERVICE", "NAME", "CLASS", "EPHEMERAL ON", "DESCRIPTION" };
        var cells = new List<string[]> { headings };
        foreach (PortInfo info in rows)
        {
            string? common = CommonServiceNames.Get(info.Port, info.Transport);
            cells.Add(new[]
            {
                info.Port.ToString(CultureInfo.InvariantCulture) + "/" + FlowNames.Name(info.Transport),
                info.ServiceName ?? "-",
                common ?? "-",
                FlowNames.Name(info.Class),
                PortTable.EphemeralOsNames(info.EphemeralOs) is { Length: > 0 } os ? os : "-",
                info.Description ?? "-",
            });
        }

        var widths = new int[headings.Length];
        foreach (string[] row in cells)
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var sb = new StringBuilder();
        foreach (string[] row in cells)
        {
            for (int i = 0; i < row.Length; i++)
            {
                sb.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            sb.Append('\n');
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ruleLines = new StringBuilder();
        foreach (PortInfo info in rows)
        {
            foreach (PolicyRule rule in RulesFor(policy, info))
            {
                if (seen.Add(rule.Id))
                {
                    ruleLines.Append("  ").Append(rule.Id).Append(" (").Append(FlowNames.Name(rule.Severity)).Append("): ").Append(rule.Title).Append('\n');
                }
            }
        }

        if (ruleLines.Length > 0)
        {
            sb.Append("\nPolicy rules on this server port:\n").Append(ruleLines);
        }

        return sb.ToString();
    }

    private static string Json(List<PortInfo> rows, PortPolicy policy)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (PortInfo info in rows)
            {
                json.WriteStartObject();
                json.WriteNumber("port", info.Port);
                json.WriteString("transport", FlowNames.Name(info.Transport));
                WriteNullable(json, "service", info.ServiceName);
                WriteNullable(json, "name", CommonServiceNames.Get(info.Port, info.Transport));
                json.WriteString("class", FlowNames.Name(info.Class));
                json.WriteStartArray("ephemeral_on");
                foreach (string os in PortTable.EphemeralOsNames(info.EphemeralOs).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    json.WriteStringValue(os);
                }

                json.WriteEndArray();
                WriteNullable(json, "description", info.Description);
                json.WriteStartArray("rules");
                foreach (PolicyRule rule in RulesFor(policy, info))
                {
                    json.WriteStartObject();
                    json.WriteString("id", rule.Id);
                    json.WriteString("severity", FlowNames.Name(rule.Severity));
                    json.WriteString("title", rule.Title);

                    // What else the rule needs to fire besides this server port (as Test-SuspiciousPort's Condition).
                    json.WriteString("condition", PolicyRuleText.ConditionsBeyondServerPort(rule));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
