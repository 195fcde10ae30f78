using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Ports;
using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Hosting;

namespace FlowRole.Splunk.Commands;

/// <summary>
/// <c>| portinfo [port=&lt;field&gt;] [transport=&lt;field&gt;] [prefix=&lt;string&gt;]</c>: enriches records with Core's
/// port knowledge (<see cref="PortTable"/>): the IANA service and description, the IANA range, and the operating
/// systems that pick the port as an ephemeral client port. The same facts as the <c>flowrole_ports</c> lookup,
/// without a lookup table in the search.
/// </summary>
public sealed class PortInfoCommand : SearchCommand
{
    /// <summary>The command's name.</summary>
    public const string CommandName = "portinfo";

    /// <summary>The port field when <c>port=</c> is not given (CIM Network_Traffic).</summary>
    public const string DefaultPortField = "dest_port";

    /// <summary>The prefix of the added fields when <c>prefix=</c> is not given.</summary>
    public const string DefaultPrefix = "port_";

    /// <summary>Every option the command accepts.</summary>
    public static IReadOnlyList<string> OptionNames { get; } = ["port", "transport", "prefix"];

    private const int Service = 0;
    private const int Description = 1;
    private const int Class = 2;
    private const int EphemeralOs = 3;
    private const int Error = 4;

    private static readonly string[] Suffixes = ["service", "description", "class", "ephemeral_os", "error"];
    private static readonly bool[] Multivalue = [false, false, false, true, false];
    private static readonly byte[][][] OsTokens = BuildOsTokens();

    private readonly MultivalueBuilder _multivalue = new();
    private byte[] _scratch = new byte[512];
    private string _portField = DefaultPortField;
    private string[] _transportFields = [];
    private string[] _outputNames = [];
    private string[] _requiredFields = [];
    private PortTable? _ports;

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? RequiredFields => _requiredFields;

    /// <inheritdoc/>
    public override void Configure(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        CommandArguments args = CommandArguments.Parse(Name, context.Args);
        _portField = args.TakeField("port") ?? DefaultPortField;
        string? transport = args.TakeField("transport");
        string prefix = args.Take("prefix") ?? DefaultPrefix;
        args.ThrowIfUnknown();
        FlowRoleOptions.ValidatePrefix(Name, prefix);

        var transports = new List<string>();
        if (transport is not null)
        {
            transports.Add(transport);
        }
        else
        {
            foreach (FieldAlias alias in FieldAliases.For(FlowField.Transport))
            {
                transports.Add(alias.Name);
            }
        }

        _transportFields = transports.ToArray();
        _outputNames = Array.ConvertAll(Suffixes, s => prefix + s);
        var required = new List<string> { _portField };
        foreach (string name in _transportFields)
        {
            if (!required.Contains(name))
            {
                required.Add(name);
            }
        }

        required.AddRange(_outputNames);
        _requiredFields = required.ToArray();
        _ports = PortTable.Default;
    }

    /// <inheritdoc/>
    public override int ProcessChunk(ChunkContext chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        SplunkCsvReader input = chunk.Input;
        SplunkCsvWriter output = chunk.Output;
        SplunkCsvHeader header = input.Header!;
        var passThrough = new PassThroughColumns(header, _outputNames);
        var added = new AddedColumns(header, _outputNames, Multivalue);
        int portColumn = header.IndexOf(_portField);
        int portMultivalue = portColumn >= 0 ? header.MultivalueColumnOf(portColumn) : -1;
        var transportColumns = new List<int>();
        foreach (string name in _transportFields)
        {
            int column = header.IndexOf(name);
            if (column >= 0)
            {
                transportColumns.Add(column);
            }
        }

        passThrough.WriteHeader(output);
        added.WriteHeader(output);
        output.EndRow();

        int rows = 0;
        int failed = 0;
        string? firstError = null;
        while (input.ReadRow())
        {
            rows++;
            passThrough.WriteRow(input, output);
            PortInfo info = default;
            bool found = false;
            string? error = input.RowError;
            if (error is null)
            {
                error = Lookup(input, portColumn, portMultivalue, transportColumns, out info, out found);
            }

            if (error is not null)
            {
                failed++;
                firstError ??= "record " + rows.ToString(CultureInfo.InvariantCulture) + ": " + error;
                for (int i = 0; i < Error; i++)
                {
                    added.WriteInput(output, i, input);
                }

                added.Write(output, Error, Encoding.UTF8.GetBytes(error));
            }
            else
            {
                WriteInfo(added, output, info, found);
            }

            output.EndRow();
        }

        if (failed > 0)
        {
            chunk.AddMessage("WARN", Name + ": " + failed.ToString(CultureInfo.InvariantCulture) + " of " + rows.ToString(CultureInfo.InvariantCulture)
                + " records in this chunk carry " + _outputNames[Error] + "; the first, " + firstError);
        }

        return rows;
    }

    private static byte[][][] BuildOsTokens()
    {
        // Every combination of the six OS flags, split into tokens once.
        var table = new byte[64][][];
        for (int i = 0; i < table.Length; i++)
        {
            string names = PortTable.EphemeralOsNames((EphemeralOs)i);
            table[i] = names.Length == 0
                ? []
                : Array.ConvertAll(names.Split(' ', StringSplitOptions.RemoveEmptyEntries), n => Encoding.ASCII.GetBytes(n));
        }

        return table;
    }

    private string? Lookup(SplunkCsvReader input, int portColumn, int portMultivalue, List<int> transportColumns, out PortInfo info, out bool found)
    {
        info = default;
        found = false;
        ReadOnlySpan<byte> portText = portColumn >= 0 ? input.Field(portColumn) : default;
        if (portText.IsEmpty)
        {
            // No port on this record: nothing to add, and nothing wrong (enrichment, not validation).
            return null;
        }

        if (portMultivalue >= 0 && MultivalueBuilder.CountEncoded(input.Field(portMultivalue)) > 1)
        {
            return _portField + ": has " + MultivalueBuilder.CountEncoded(input.Field(portMultivalue)).ToString(CultureInfo.InvariantCulture)
                + " values; portinfo needs a single port per record";
        }

        if (!FlowValueParser.TryParsePort(portText, out ushort port))
        {
            return _portField + ": '" + Encoding.UTF8.GetString(portText) + "' is not a port (0-65535)";
        }

        Transport transport = Transport.Tcp;
        foreach (int column in transportColumns)
        {
            ReadOnlySpan<byte> text = input.Field(column);
            if (text.IsEmpty)
            {
                continue;
            }

            if (!FlowValueParser.TryParseTransport(text, out Transport parsed))
            {
                return input.Header![column] + ": '" + Encoding.UTF8.GetString(text)
                    + "' is not a transport (a name such as tcp, udp, icmp, or an IANA protocol number 0-255)";
            }

            if (parsed != Transport.Unknown)
            {
                transport = parsed;
                break;
            }
        }

        info = _ports!.Get(port, transport);
        found = true;
        return null;
    }

    private void WriteInfo(AddedColumns added, SplunkCsvWriter output, in PortInfo info, bool found)
    {
        if (!found)
        {
            for (int i = 0; i <= Error; i++)
            {
                added.Write(output, i, ReadOnlySpan<byte>.Empty);
            }

            return;
        }

        added.Write(output, Service, Utf8(info.ServiceName));
        added.Write(output, Description, Utf8(info.Description));
        added.Write(output, Class, Utf8(PortTable.ClassName(info.Class)));
        _multivalue.Clear();
        foreach (byte[] token in OsTokens[(int)info.EphemeralOs & 63])
        {
            _multivalue.Add(token);
        }

        added.Write(output, EphemeralOs, _multivalue);
        added.Write(output, Error, ReadOnlySpan<byte>.Empty);
    }

    private ReadOnlySpan<byte> Utf8(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return default;
        }

        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_scratch.Length < max)
        {
            _scratch = new byte[max];
        }

        int length = Encoding.UTF8.GetBytes(text, _scratch);
        return _scratch.AsSpan(0, length);
    }
}
