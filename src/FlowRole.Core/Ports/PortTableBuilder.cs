using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Flows;

namespace FlowRole.Ports;

/// <summary>
/// Turns the IANA registry into FlowRole's port artefacts: the embedded table (<c>Ports/Data/ports.bin</c>) and the
/// Splunk lookup (<c>splunk-app/flowrole/lookups/flowrole_ports.csv</c>). Pure and deterministic: the same registry
/// gives the same bytes, so the generator (tools/FlowRole.Generator) and the staleness test share this code.
/// </summary>
/// <remarks>
/// Which registry row wins a port/transport slot, strongest first:
/// 1. a named row for that transport (the first in registry order is the primary name; later names on the same
///    slot, e.g. <c>nv-video</c> beside <c>krb524</c> on 4444, are kept as extra names for service lookups);
/// 2. a named row with no transport (old entries such as <c>active-net 3322-3325</c>), applied to TCP and UDP only,
///    because SCTP assignments are always explicit in the registry;
/// 3. an unnamed row for that transport (<c>Reserved</c>, <c>any private mail system</c>): a description, no name;
/// 4. an unnamed row with no transport (the <c>Unassigned</c> and <c>Reserved</c> ranges), for all three tables.
/// DCCP rows are read and skipped: FlowRole keeps tables for TCP, UDP and SCTP.
/// </remarks>
internal sealed class PortTableBuilder
{
    /// <summary>The registry's file name inside the IANA data folder.</summary>
    public const string RegistryFileName = "service-names-port-numbers.csv";

    /// <summary>The lookup's header row.</summary>
    public const string LookupHeader = "port,transport,service,description,port_class,ephemeral_os";

    private const int PortCount = 65536;

    private readonly List<(string? Name, string? Description)> _entries = [(null, null)];
    private readonly Dictionary<(string?, string?), int> _entryIndex = [];
    private readonly int[] _slots = new int[PortTable.TableCount * PortCount];
    private readonly HashSet<(int Slot, string Name)> _slotNames = [];
    private readonly List<(int Slot, int Entry)> _extras = [];

    private PortTableBuilder(IReadOnlyList<IanaRecord> records)
    {
        RecordCount = records.Count;

        foreach (var r in records)
        {
            if (r.HasPort && r.ServiceName is not null && r.Transport is { } t && TableOf(t) is var table and >= 0)
            {
                AddNamed(table, r);
            }
        }

        foreach (var r in records)
        {
            if (r.HasPort && r.ServiceName is not null && r.Transport is null)
            {
                AddNamed(PortTable.TableOf(Transport.Tcp), r);
                AddNamed(PortTable.TableOf(Transport.Udp), r);
            }
        }

        foreach (var r in records)
        {
            if (r.HasPort && r.ServiceName is null && r.Transport is { } t && TableOf(t) is var table and >= 0)
            {
                AddDescription(table, r);
            }
        }

        foreach (var r in records)
        {
            if (r.HasPort && r.ServiceName is null && r.Transport is null)
            {
                for (var table = 0; table < PortTable.TableCount; table++)
                {
                    AddDescription(table, r);
                }
            }
        }

        if (_entries.Count > ushort.MaxValue)
        {
            // The table stores entry numbers as ushort; the registry would need ~10x its size to get here.
            throw new InvalidOperationException($"The registry yields {_entries.Count} distinct name/description pairs; the table format holds at most {ushort.MaxValue}.");
        }
    }

    /// <summary>Registry rows read.</summary>
    public int RecordCount { get; }

    /// <summary>Port/transport slots with an IANA service name.</summary>
    public int AssignedCount => _slots.Count(e => _entries[e].Name is not null);

    /// <summary>Where the embedded table lives under a repository root.</summary>
    public static string BinaryPath(string repoRoot) => Path.Combine(repoRoot, "src", "FlowRole.Core", "Ports", "Data", "ports.bin");

    /// <summary>Where the Splunk lookup lives under a repository root.</summary>
    public static string LookupPath(string repoRoot) => Path.Combine(repoRoot, "splunk-app", "flowrole", "lookups", "flowrole_ports.csv");

    /// <summary>Builds from parsed registry rows.</summary>
    public static PortTableBuilder FromRecords(IReadOnlyList<IanaRecord> records) =>
        new(records ?? throw new ArgumentNullException(nameof(records)));

    /// <summary>Builds from the registry CSV in <paramref name="ianaDirectory"/>.</summary>
    public static PortTableBuilder FromIanaDirectory(string ianaDirectory)
    {
        var path = Path.Combine(ianaDirectory, RegistryFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The IANA registry " + RegistryFileName + " is not in " + ianaDirectory, path);
        }

        return FromRecords(IanaRegistryReader.ReadFile(path));
    }

    /// <summary>The uncompressed table payload (see <see cref="PortDataFormat"/>).</summary>
    public byte[] BuildPayload()
    {
        // String table in first-use order: deterministic, and names and descriptions share one copy of each text.
        var strings = new List<string>();
        var stringIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int Ref(string? s)
        {
            if (s is null)
            {
                return 0;
            }

            if (!stringIndex.TryGetValue(s, out var i))
            {
                i = strings.Count;
                strings.Add(s);
                stringIndex.Add(s, i);
            }

            return i + 1;
        }

        var entryRefs = new (int Name, int Description)[_entries.Count];
        for (var e = 1; e < _entries.Count; e++)
        {
            entryRefs[e] = (Ref(_entries[e].Name), Ref(_entries[e].Description));
        }

        using var output = new MemoryStream(256 * 1024);
        var utf8 = new UTF8Encoding(false, true);
        PortDataFormat.WriteVarUInt(output, (uint)strings.Count);
        foreach (var s in strings)
        {
            var bytes = utf8.GetBytes(s);
            PortDataFormat.WriteVarUInt(output, (uint)bytes.Length);
            output.Write(bytes, 0, bytes.Length);
        }

        PortDataFormat.WriteVarUInt(output, (uint)(_entries.Count - 1));
        for (var e = 1; e < _entries.Count; e++)
        {
            PortDataFormat.WriteVarUInt(output, (uint)entryRefs[e].Name);
            PortDataFormat.WriteVarUInt(output, (uint)entryRefs[e].Description);
        }

        // Each table as runs of equal entries: unassigned stretches and ranges collapse to one run.
        for (var table = 0; table < PortTable.TableCount; table++)
        {
            var runs = new List<(int Length, int Entry)>();
            var baseSlot = table * PortCount;
            for (var port = 0; port < PortCount;)
            {
                var entry = _slots[baseSlot + port];
                var end = port + 1;
                while (end < PortCount && _slots[baseSlot + end] == entry)
                {
                    end++;
                }

                runs.Add((end - port, entry));
                port = end;
            }

            PortDataFormat.WriteVarUInt(output, (uint)runs.Count);
            foreach (var (length, entry) in runs)
            {
                PortDataFormat.WriteVarUInt(output, (uint)length);
                PortDataFormat.WriteVarUInt(output, (uint)entry);
            }
        }

        // Stable order (slot, then registry order) so re-runs are byte-identical.
        var extras = _extras.Select((x, i) => (x.Slot, x.Entry, Order: i)).OrderBy(x => x.Slot).ThenBy(x => x.Order).ToList();
        PortDataFormat.WriteVarUInt(output, (uint)extras.Count);
        foreach (var (slot, entry, _) in extras)
        {
            output.WriteByte((byte)(slot / PortCount));
            PortDataFormat.WriteVarUInt(output, (uint)(slot % PortCount));
            PortDataFormat.WriteVarUInt(output, (uint)entry);
        }

        return output.ToArray();
    }

    /// <summary>The complete <c>ports.bin</c>: header and deflated payload.</summary>
    public byte[] BuildBinary() => PortDataFormat.Pack(BuildPayload());

    /// <summary>The Splunk lookup as UTF-8 (no BOM, LF line ends): one row per assigned port/transport, by port then transport.</summary>
    public byte[] BuildLookupCsv()
    {
        var sb = new StringBuilder(1024 * 1024);
        sb.Append(LookupHeader).Append('\n');
        for (var port = 0; port < PortCount; port++)
        {
            for (var table = 0; table < PortTable.TableCount; table++)
            {
                var (name, description) = _entries[_slots[(table * PortCount) + port]];
                if (name is null)
                {
                    continue;
                }

                var p = (ushort)port;
                sb.Append(p.ToString(CultureInfo.InvariantCulture)).Append(',')
                  .Append(PortTable.TransportName(table)).Append(',');
                AppendCsv(sb, name);
                sb.Append(',');
                AppendCsv(sb, description);
                sb.Append(',').Append(PortTable.ClassName(PortTable.ClassOf(p)))
                  .Append(',').Append(PortTable.EphemeralOsNames(PortTable.EphemeralOsOf(p)))
                  .Append('\n');
            }
        }

        return new UTF8Encoding(false, true).GetBytes(sb.ToString());
    }

    /// <summary>The table this builder describes, without a round trip through bytes.</summary>
    public PortTable BuildTable() => PortTable.FromBinary(BuildBinary(), "generated port table");

    private static int TableOf(Transport transport) =>
        transport is Transport.Tcp or Transport.Udp or Transport.Sctp ? PortTable.TableOf(transport) : -1;

    private static void AppendCsv(StringBuilder sb, string? value)
    {
        if (value is null)
        {
            return;
        }

        var quote = value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || (value.Length != 0 && (value[0] == ' ' || value[value.Length - 1] == ' '));
        if (!quote)
        {
            sb.Append(value);
            return;
        }

        sb.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
    }

    private void AddNamed(int table, IanaRecord record)
    {
        var entry = Intern(record.ServiceName, record.Description);
        var key = record.ServiceName!.ToUpperInvariant();
        for (int port = record.FirstPort, slot = (table * PortCount) + port; port <= record.LastPort; port++, slot++)
        {
            // A name registered twice on one slot (the registry does this for a few updates) counts once.
            if (!_slotNames.Add((slot, key)))
            {
                continue;
            }

            if (_entries[_slots[slot]].Name is null)
            {
                _slots[slot] = entry;
            }
            else
            {
                _extras.Add((slot, entry));
            }
        }
    }

    private void AddDescription(int table, IanaRecord record)
    {
        if (record.Description is null)
        {
            return;
        }

        var entry = Intern(null, record.Description);
        for (int port = record.FirstPort, slot = (table * PortCount) + port; port <= record.LastPort; port++, slot++)
        {
            if (_slots[slot] == 0)
            {
                _slots[slot] = entry;
            }
        }
    }

    private int Intern(string? name, string? description)
    {
        if (!_entryIndex.TryGetValue((name, description), out var entry))
        {
            entry = _entries.Count;
            _entries.Add((name, description));
            _entryIndex.Add((name, description), entry);
        }

        return entry;
    }
}
