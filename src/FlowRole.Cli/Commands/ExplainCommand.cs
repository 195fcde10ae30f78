using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using FlowRole.Addresses;
using FlowRole.Cli.Arguments;
using FlowRole.Cli.Hosting;
using FlowRole.Cli.Input;
using FlowRole.Fields;
using FlowRole.Formats;
using FlowRole.Policy;
using FlowRole.Roles;
using FlowRole.Text;

namespace FlowRole.Cli.Commands;

/// <summary>
/// <c>flowrole explain</c>: reads the flow from an alert line (Core's <see cref="AlertTextParser"/>), classifies it and
/// prints Core's plain-language explanation (<see cref="Classifier.Describe"/>). With <c>-</c>, one alert per line
/// from standard input; a line that states no flow is reported on standard error with its number and the run goes on.
/// </summary>
internal sealed class ExplainCommand : Command
{
    private static readonly OptionSpec[] OptionList =
    {
        new("policy", null, "FILE", "Suspicious-port policy file, layered over the embedded default policy."),
        new("internal", null, "CIDRS", "Internal networks, comma-separated (e.g. 10.0.0.0/8,fd00::/8); they replace the policy's and the default private ranges for scope and direction."),
        new("listeners", null, "FILE", "Known listeners, one per line: host:port/transport, *:port/transport or [IPv6]:port/transport; # starts a comment."),
    };

    public override string Name => "explain";

    public override string Summary => "Explain an alert in plain words: read the flow's endpoints from the raw log line, then say who is the client and why, the server and its service, the direction, a client-OS hint and each finding.";

    public override string Usage => "flowrole explain [OPTIONS] \"ALERT TEXT\"   (or -: one alert per line from standard input)";

    public override IReadOnlyList<OptionSpec> Options => OptionList;

    public override string Details =>
        "Alert text: free text with ip:port, [ipv6]:port, ip.port (tcpdump) or \"ip port N\" endpoints, whose roles come\n"
        + "from labels (Source, Destination, src, dst, from, to, Source IP:, SRC=) or an arrow (->, =>, >, an arrow\n"
        + "character); key=value lines (netfilter SRC= DST= PROTO= SPT= DPT=, CEF src= spt= dst= dpt= proto=); Windows\n"
        + "Firewall log lines; pfSense filterlog CSV; Cisco ASA messages (302013/302015 built, which name the initiator,\n"
        + "302014/302016 teardown, others by src/dst or from/to ifc:ip/port); PAN-OS TRAFFIC CSV; tcpdump lines; each also\n"
        + "behind a syslog header.\n"
        + "Text that does not state a flow (one endpoint, no ports, three unlabelled endpoints) is reported, never guessed.\n\n"
        + "Output: the flow as read, then one statement per line: Client, Server, Why (evidence and port reasoning),\n"
        + "Direction, Transport (when not stated), Client OS hint, each Finding with its severity and ATT&CK techniques,\n"
        + "and the Verdict. With -, blocks are separated by a blank line and start with the input line number.\n\n"
        + "Exit codes:\n  0    Every alert was explained.\n  2    Bad usage or configuration.\n"
        + "  3    Some alert text states no flow (each is reported on standard error with its line number).\n";

    public override int Run(ParsedArguments args, CliConsole console)
    {
        if (args.Positionals.Count == 0)
        {
            throw new UsageException("explain needs alert text, or - to read alerts from standard input (see flowrole explain --help)");
        }

        Classifier classifier = new(LoadOptions(args));
        using var output = new StreamWriter(console.Output, new UTF8Encoding(false), 1 << 14, leaveOpen: true) { NewLine = "\n" };
        int exit;
        if (args.Positionals.Count == 1 && args.Positionals[0] == "-")
        {
            if (console.InputIsTerminal)
            {
                console.Error.WriteLine("flowrole: reading alert text from standard input, one alert per line (end with Ctrl-D)");
            }

            exit = ExplainLines(classifier, console.Input, output, console.Error);
        }
        else
        {
            // Words the shell split apart are one alert.
            string text = string.Join(" ", args.Positionals);
            AlertTextResult parsed = AlertTextParser.Parse(text);
            if (parsed.IsSuccess)
            {
                Write(classifier, parsed, output);
                exit = ExitCodes.Success;
            }
            else
            {
                console.Error.WriteLine("flowrole: " + parsed.Message);
                exit = ExitCodes.InputErrors;
            }
        }

        output.Flush();
        return exit;
    }

    /// <summary>The header line: how the text was read.</summary>
    internal static string Heading(in AlertTextResult parsed)
    {
        var record = parsed.Record;
        string heading = "Read as " + AlertTextResult.FormatName(parsed.Format) + ": " + record.Source.ToString() + " -> " + record.Destination.ToString()
            + " (" + (record.Transport == Flows.Transport.Unknown ? "transport not stated" : FlowNames.Name(record.Transport)) + ")";
        return parsed.OrientationStated ? heading + "." : heading + "; the text gives no direction, so the endpoints are taken in the order written.";
    }

    private static void Write(Classifier classifier, in AlertTextResult parsed, TextWriter output)
    {
        FlowResult result = classifier.Classify(parsed.Record);
        output.WriteLine(Heading(parsed));
        output.WriteLine(classifier.Describe(result));
    }

    private static int ExplainLines(Classifier classifier, Stream input, TextWriter output, TextWriter error)
    {
        var lines = new LineReader(input, AlertTextParser.MaxLength);
        int failed = 0;
        bool first = true;
        while (lines.Read(out ReadOnlySpan<byte> line))
        {
            if (line.Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            string number = lines.LineNumber.ToString(CultureInfo.InvariantCulture);
            AlertTextResult parsed = lines.Truncated ? default : AlertTextParser.Parse(line);
            if (lines.Truncated || !parsed.IsSuccess)
            {
                failed++;
                string message = lines.Truncated
                    ? "the line is longer than " + AlertTextParser.MaxLength.ToString(CultureInfo.InvariantCulture) + " bytes; an alert line is expected"
                    : parsed.Message;
                error.WriteLine("flowrole: line " + number + ": " + message);
                continue;
            }

            if (!first)
            {
                output.WriteLine();
            }

            first = false;
            output.Write("Line " + number + ". ");
            Write(classifier, parsed, output);
        }

        if (failed > 0)
        {
            error.WriteLine("flowrole: " + failed.ToString(CultureInfo.InvariantCulture) + " of " + lines.LineNumber.ToString(CultureInfo.InvariantCulture)
                + " lines state no flow");
        }

        return failed > 0 ? ExitCodes.InputErrors : ExitCodes.Success;
    }

    private static ClassifierOptions LoadOptions(ParsedArguments args) => new()
    {
        Policy = SharedOptions.LoadPolicy(args),
        InternalNetworks = SharedOptions.ParseInternalNetworks(args),
        Listeners = SharedOptions.LoadListeners(args),
    };
}
