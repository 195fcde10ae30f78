using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace FlowRole.Policy;

/// <summary>
/// Renders a policy as a self-contained policy file (<c>"extends": "none"</c>) in the canonical layout: two-space
/// indentation, one field per line, lists of plain values on one line. Loading the text gives the same policy.
/// </summary>
internal static class PolicyJsonWriter
{
    public static string Render(PortPolicy policy)
    {
        var sb = new StringBuilder(16 * 1024);
        sb.Append("{\n");
        Field(sb, 1, "version").Append('1').Append(",\n");
        Field(sb, 1, "extends").Append("\"none\",\n");
        Field(sb, 1, "threshold");
        String(sb, PolicyNames.NameOf(policy.Threshold)).Append(",\n");
        var networks = new List<string>();
        foreach (var n in policy.InternalNetworks.Networks)
        {
            networks.Add(n.ToString());
        }

        Field(sb, 1, "internal_networks");
        Strings(sb, networks).Append(",\n");
        Field(sb, 1, "rules");
        if (policy.Rules.Count == 0)
        {
            sb.Append("[],\n");
        }
        else
        {
            sb.Append("[\n");
            for (int i = 0; i < policy.Rules.Count; i++)
            {
                Rule(sb, policy.Rules[i]);
                sb.Append(i + 1 < policy.Rules.Count ? ",\n" : "\n");
            }

            sb.Append("  ],\n");
        }

        Field(sb, 1, "allow");
        if (policy.Allow.Count == 0)
        {
            sb.Append("[]\n");
        }
        else
        {
            sb.Append("[\n");
            for (int i = 0; i < policy.Allow.Count; i++)
            {
                AllowEntry(sb, policy.Allow[i]);
                sb.Append(i + 1 < policy.Allow.Count ? ",\n" : "\n");
            }

            sb.Append("  ]\n");
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    private static void Rule(StringBuilder sb, PolicyRule rule)
    {
        var fields = new List<(string Name, string Json)>
        {
            ("id", Quote(rule.Id)),
            ("title", Quote(rule.Title)),
        };
        if (rule.Description.Length > 0)
        {
            fields.Add(("description", Quote(rule.Description)));
        }

        fields.Add(("severity", Quote(PolicyNames.NameOf(rule.Severity))));
        if (rule.AttackTechniques.Count > 0)
        {
            fields.Add(("attack_techniques", List(rule.AttackTechniques)));
        }

        if (rule.Sources.Count > 0)
        {
            fields.Add(("sources", List(rule.Sources)));
        }

        if (rule.Transports != TransportFilter.Any)
        {
            fields.Add(("transport", List(PolicyNames.NamesOf(PolicyNames.Transports, (int)rule.Transports))));
        }

        AddPorts(fields, "server_ports", rule.ServerPorts);
        AddPorts(fields, "not_server_ports", rule.NotServerPorts);
        AddPorts(fields, "client_ports", rule.ClientPorts);
        AddPorts(fields, "not_client_ports", rule.NotClientPorts);
        if (rule.ClientScopes != ScopeFilter.Any)
        {
            fields.Add(("client_scope", List(PolicyNames.NamesOf(PolicyNames.Scopes, (int)rule.ClientScopes))));
        }

        if (rule.ServerScopes != ScopeFilter.Any)
        {
            fields.Add(("server_scope", List(PolicyNames.NamesOf(PolicyNames.Scopes, (int)rule.ServerScopes))));
        }

        if (rule.Directions != DirectionFilter.Any)
        {
            fields.Add(("direction", List(PolicyNames.NamesOf(PolicyNames.Directions, (int)rule.Directions))));
        }

        Object(sb, fields);
    }

    private static void AllowEntry(StringBuilder sb, PolicyAllowEntry entry)
    {
        var fields = new List<(string Name, string Json)> { ("rules", List(entry.Rules)) };
        if (entry.Clients.Count > 0)
        {
            fields.Add(("client", List(NetworkTexts(entry.Clients))));
        }

        if (entry.Servers.Count > 0)
        {
            fields.Add(("server", List(NetworkTexts(entry.Servers))));
        }

        AddPorts(fields, "client_ports", entry.ClientPorts);
        AddPorts(fields, "server_ports", entry.ServerPorts);
        if (entry.Transports != TransportFilter.Any)
        {
            fields.Add(("transport", List(PolicyNames.NamesOf(PolicyNames.Transports, (int)entry.Transports))));
        }

        if (entry.Comment.Length > 0)
        {
            fields.Add(("comment", Quote(entry.Comment)));
        }

        Object(sb, fields);
    }

    private static List<string> NetworkTexts(IReadOnlyList<Addresses.IpNetwork> networks)
    {
        var texts = new List<string>(networks.Count);
        foreach (var n in networks)
        {
            texts.Add(n.ToString());
        }

        return texts;
    }

    private static void Object(StringBuilder sb, List<(string Name, string Json)> fields)
    {
        sb.Append("    {\n");
        for (int i = 0; i < fields.Count; i++)
        {
            Field(sb, 3, fields[i].Name).Append(fields[i].Json).Append(i + 1 < fields.Count ? ",\n" : "\n");
        }

        sb.Append("    }");
    }

    private static void AddPorts(List<(string Name, string Json)> fields, string name, PortSet? ports)
    {
        if (ports is null)
        {
            return;
        }

        var sb = new StringBuilder("[");
        for (int i = 0; i < ports.Items.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            string item = ports.Items[i];
            bool number = item.Length > 0 && char.IsDigit(item[0]) && item.IndexOf('-') < 0;
            if (number)
            {
                sb.Append(item);
            }
            else
            {
                String(sb, item);
            }
        }

        fields.Add((name, sb.Append(']').ToString()));
    }

    private static StringBuilder Field(StringBuilder sb, int depth, string name)
    {
        sb.Append(' ', depth * 2);
        return String(sb, name).Append(": ");
    }

    private static StringBuilder Strings(StringBuilder sb, IReadOnlyList<string> values) => sb.Append(List(values));

    private static string List(IReadOnlyList<string> values)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            String(sb, values[i]);
        }

        return sb.Append(']').ToString();
    }

    private static string Quote(string value) => String(new StringBuilder(), value).ToString();

    private static StringBuilder String(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"');
    }
}
