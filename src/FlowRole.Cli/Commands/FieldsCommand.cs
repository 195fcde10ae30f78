using System.Collections.Generic;
using System.Text;
using FlowRole.Cli.Arguments;
using FlowRole.Cli.Hosting;
using FlowRole.Fields;

namespace FlowRole.Cli.Commands;

/// <summary><c>flowrole fields</c>: the input field alias map, in precedence order.</summary>
internal sealed class FieldsCommand : Command
{
    private static readonly OptionSpec[] OptionList =
    {
        new("format", 'f', "FORMAT", "Output format: table or csv (one row per alias: field, name, alias, schema, requires); default table."),
    };

    public override string Name => "fields";

    public override string Summary => "List the flow fields FlowRole reads and, for each, the column names it recognises in precedence order.";

    public override string Usage => "flowrole fields [--format table|csv]";

    public override IReadOnlyList<OptionSpec> Options => OptionList;

    public override string Details =>
        "For each field the first alias present with a value on a row is used; an exact spelling beats a match that\n"
        + "differs only in case. An alias shown 'with COLUMN' counts only when COLUMN is in the header too. Use\n"
        + "`flowrole classify --field NAME=COLUMN` to read a field from another column.\n";

    public override int Run(ParsedArguments args, CliConsole console)
    {
        if (args.Positionals.Count > 0)
        {
            throw new UsageException("fields: takes no arguments");
        }

        string format = args.Choice("format", "table", "table", "csv");
        var sb = new StringBuilder();
        if (format == "csv")
        {
            sb.Append("field,name,alias,schema,requires\n");
            foreach (FlowField field in FieldAliases.Fields)
            {
                foreach (FieldAlias alias in FieldAliases.For(field))
                {
                    sb.Append(field).Append(',').Append(FieldAliases.ParameterName(field)).Append(',').Append(alias.Name).Append(',')
                      .Append(alias.Schema).Append(',').Append(alias.RequiresColumn).Append('\n');
                }
            }
        }
        else
        {
            foreach (FlowField field in FieldAliases.Fields)
            {
                sb.Append(FieldAliases.ParameterName(field)).Append(" (").Append(FieldAliases.DisplayName(field)).Append(")\n");
                sb.Append(HelpText.Wrap(FieldAliases.Describe(field), 4)).Append('\n');
                var names = new List<string>();
                foreach (FieldAlias alias in FieldAliases.For(field))
                {
                    names.Add(alias.Name + " [" + SchemaName(alias.Schema) + (alias.RequiresColumn is null ? string.Empty : ", with " + alias.RequiresColumn) + "]");
                }

                sb.Append(HelpText.Wrap("aliases: " + string.Join(", ", names), 4)).Append("\n\n");
            }
        }

        console.Write(sb.ToString());
        return ExitCodes.Success;
    }

    internal static string SchemaName(FieldSchema schema) => schema switch
    {
        FieldSchema.SplunkCim => "Splunk CIM",
        FieldSchema.Ecs => "ECS",
        FieldSchema.Zeek => "Zeek",
        FieldSchema.Suricata => "Suricata",
        FieldSchema.Sysmon => "Sysmon",
        FieldSchema.GetNetTcpConnection => "Get-NetTCPConnection",
        FieldSchema.WindowsFirewall => "Windows Firewall log",
        FieldSchema.WindowsFilteringPlatform => "WFP",
        FieldSchema.Ocsf => "OCSF",
        _ => "generic",
    };
}
