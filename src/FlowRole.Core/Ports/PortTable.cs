using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Text;
using System.Threading;
using FlowRole.Flows;

namespace FlowRole.Ports;

/// <summary>
/// Port knowledge for all 65,536 ports on TCP, UDP and SCTP, generated from the IANA registry and embedded in the
/// assembly. Lookups by number are array indexing and allocate nothing; lookups by service name use a dictionary
/// built on first use. Immutable, so one instance is safe to share across threads.
/// </summary>
public sealed class PortTable
{
    /// <summary>Tables kept: TCP, UDP, SCTP, in that order.</summary>
    internal const int TableCount = 3;

    /// <summary>The name the core project embeds <c>Ports/Data/ports.bin</c> under.</summary>
    internal const string ResourceName = "FlowRole.Ports.ports.bin";

    private const int PortCount = 65536;

    // RFC 3828 section 3.1: UDP-Lite uses UDP's port registry.
    private const Transport UdpLite = (Transport)136;

    // Ephemeral ranges: shared/data/knowledge/ephemeral_port_ranges.md (kernel sources and Microsoft KB 929851).
    private const ushort LinuxFirst = 32768, LinuxLast = 60999;
    private const ushort IanaDynamicFirst = 49152;
    private const ushort WindowsLegacyFirst = 1025, WindowsLegacyLast = 5000;
    private const ushort FreeBsdFirst = 10000;
    private const ushort OpenBsdFirst = 1024, OpenBsdLast = 49151;

    private static readonly Lazy<PortTable> LazyDefault = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly string[] OsNames = BuildOsNames();

    private readonly ushort[] _slots;                 // entry per (table << 16 | port); 0 = nothing known
    private readonly string?[] _names;                // per entry
    private readonly string?[] _descriptions;         // per entry
    private readonly (int Slot, ushort Entry)[] _extras;
    private readonly Lazy<ServiceIndex> _serviceIndex;

    private PortTable(ushort[] slots, string?[] names, string?[] descriptions, (int Slot, ushort Entry)[] extras)
    {
        _slots = slots;
        _names = names;
        _descriptions = descriptions;
        _extras = extras;
        _serviceIndex = new Lazy<ServiceIndex>(BuildServiceIndex, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The embedded table, loaded once on first use.</summary>
    public static PortTable Default => LazyDefault.Value;

    /// <summary>Every distinct service name (IANA names and FlowRole's aliases), sorted case-insensitively, for completion.</summary>
    public IReadOnlyList<string> ServiceNames => _serviceIndex.Value.Names;

    /// <summary>
    /// Everything known about a port on a transport. TCP, UDP and SCTP have their own tables; UDP-Lite uses UDP's;
    /// other port-bearing transports (DCCP, or <see cref="Transport.Unknown"/> when the log did not say) get TCP's
    /// facts. Transports without ports (ICMP, ICMPv6, GRE, ESP, ...) get an unassigned result with no ephemeral OS.
    /// The result carries the transport asked about. Allocation-free.
    /// </summary>
    public PortInfo Get(ushort port, Transport transport)
    {
        var table = LookupTableOf(transport);
        if (table < 0)
        {
            return new PortInfo(port, transport, null, null, EphemeralOs.None);
        }

        var entry = _slots[(table << 16) | port];
        return new PortInfo(port, transport, _names[entry], _descriptions[entry], EphemeralOsOf(port));
    }

    /// <summary>The entry index per (table &lt;&lt; 16 | port) (0: nothing known); <see cref="EntryNames"/> names each entry.</summary>
    internal ushort[] Slots => _slots;

    /// <summary>The service name of each entry (entry 0, and entries without a name, are null).</summary>
    internal string?[] EntryNames => _names;

    /// <summary>The entry index of a port on a transport (transports as in <see cref="Get"/>): 0 when nothing is known.</summary>
    internal ushort EntryOf(ushort port, Transport transport)
    {
        var table = LookupTableOf(transport);
        return table < 0 ? (ushort)0 : _slots[(table << 16) | port];
    }

    /// <summary>The IANA service name for a port (transports as in <see cref="Get"/>), or null; allocation-free.</summary>
    public string? GetServiceName(ushort port, Transport transport)
    {
        var table = LookupTableOf(transport);
        return table < 0 ? null : _names[_slots[(table << 16) | port]];
    }

    /// <summary>
    /// Every port/transport registered under a service name (case-insensitive, surrounding white space ignored), e.g.
    /// <c>ms-wbt-server</c>, or reached through a FlowRole alias such as <c>rdp</c>; sorted by port, then transport.
    /// IANA names that share a port with an earlier registration (<c>nv-video</c> on 4444) are found too. An alias's
    /// ports carry the port's own IANA facts. Empty when the name is unknown.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="serviceName"/> is null.</exception>
    public IReadOnlyList<PortInfo> FindByService(string serviceName)
    {
        if (serviceName is null)
        {
            throw new ArgumentNullException(nameof(serviceName));
        }

        return _serviceIndex.Value.ByName.TryGetValue(serviceName.Trim(), out var found) ? found : ServiceIndex.None;
    }

    /// <summary>The IANA range of a port.</summary>
    public static PortClass ClassOf(ushort port) => port < 1024 ? PortClass.WellKnown : port < 49152 ? PortClass.Registered : PortClass.Dynamic;

    /// <summary>Which OSes use a port as an ephemeral client port by default.</summary>
    public static EphemeralOs EphemeralOsOf(ushort port)
    {
        var os = EphemeralOs.None;
        if (port >= LinuxFirst && port <= LinuxLast)
        {
            os |= EphemeralOs.Linux;
        }

        if (port >= IanaDynamicFirst)
        {
            os |= EphemeralOs.Windows | EphemeralOs.MacOs;
        }

        if (port >= WindowsLegacyFirst && port <= WindowsLegacyLast)
        {
            os |= EphemeralOs.WindowsLegacy;
        }

        if (port >= FreeBsdFirst)
        {
            os |= EphemeralOs.FreeBsd;
        }

        if (port >= OpenBsdFirst && port <= OpenBsdLast)
        {
            os |= EphemeralOs.OpenBsd;
        }

        return os;
    }

    /// <summary>The text of a port class as every FlowRole output writes it: <c>well_known</c>, <c>registered</c>, <c>dynamic</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="portClass"/> is not a defined value.</exception>
    public static string ClassName(PortClass portClass) => portClass switch
    {
        PortClass.WellKnown => "well_known",
        PortClass.Registered => "registered",
        PortClass.Dynamic => "dynamic",
        _ => throw new ArgumentOutOfRangeException(nameof(portClass), portClass, "Not a PortClass value."),
    };

    /// <summary>
    /// The OSes in a set as FlowRole writes them: space-separated lower-case tokens in flag order (<c>linux windows
    /// windows-legacy macos freebsd openbsd</c>), empty for none; space so Splunk's <c>makemv</c> splits it by
    /// default. Precomputed, allocation-free.
    /// </summary>
    public static string EphemeralOsNames(EphemeralOs os) => OsNames[(int)os & (OsNames.Length - 1)];

    /// <summary>The table index of one of the three kept transports, or -1.</summary>
    internal static int TableOf(Transport transport) => transport switch
    {
        Transport.Tcp => 0,
        Transport.Udp => 1,
        Transport.Sctp => 2,
        _ => -1,
    };

    /// <summary>The lower-case name of a table's transport.</summary>
    internal static string TransportName(int table) => table switch
    {
        0 => "tcp",
        1 => "udp",
        2 => "sctp",
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    /// <summary>Reads a table from <c>ports.bin</c> bytes; <paramref name="source"/> names them in errors.</summary>
    internal static PortTable FromBinary(byte[] file, string source)
    {
        var data = PortDataFormat.Unpack(file, source);
        var offset = 0;
        int Count(int max, string what)
        {
            var value = PortDataFormat.ReadVarUInt(data, ref offset, source);
            if (value > (uint)max)
            {
                throw new InvalidDataException(source + ": " + what + " " + value.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                    " is out of range (at most " + max.ToString(System.Globalization.CultureInfo.InvariantCulture) + ") before byte " +
                    offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return (int)value;
        }

        var utf8 = new UTF8Encoding(false, true);
        var strings = new string[Count(data.Length, "string count")];
        for (var i = 0; i < strings.Length; i++)
        {
            var length = Count(data.Length - offset, "string length");
            strings[i] = utf8.GetString(data, offset, length);
            offset += length;
        }

        var entryCount = Count(ushort.MaxValue - 1, "entry count") + 1;
        var names = new string?[entryCount];
        var descriptions = new string?[entryCount];
        for (var e = 1; e < entryCount; e++)
        {
            var name = Count(strings.Length, "name reference");
            var description = Count(strings.Length, "description reference");
            names[e] = name == 0 ? null : strings[name - 1];
            descriptions[e] = description == 0 ? null : strings[description - 1];
        }

        var slots = new ushort[TableCount * PortCount];
        for (var table = 0; table < TableCount; table++)
        {
            var runs = Count(PortCount, "run count");
            var port = 0;
            for (var r = 0; r < runs; r++)
            {
                var length = Count(PortCount - port, "run length");
                var entry = Count(entryCount - 1, "entry reference");
                slots.AsSpan((table << 16) + port, length).Fill((ushort)entry);
                port += length;
            }

            if (port != PortCount)
            {
                throw new InvalidDataException(source + ": table " + TransportName(table) + " covers " +
                    port.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ports, not 65536");
            }
        }

        var extras = new (int Slot, ushort Entry)[Count(TableCount * PortCount, "extra name count")];
        for (var i = 0; i < extras.Length; i++)
        {
            var table = Count(TableCount - 1, "extra name table");
            var port = Count(PortCount - 1, "extra name port");
            var entry = Count(entryCount - 1, "extra name entry");
            if (names[entry] is null)
            {
                throw new InvalidDataException(source + ": extra name " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + " has no name");
            }

            extras[i] = ((table << 16) | port, (ushort)entry);
        }

        if (offset != data.Length)
        {
            throw new InvalidDataException(source + ": " + (data.Length - offset).ToString(System.Globalization.CultureInfo.InvariantCulture) +
                " unexpected bytes after the table");
        }

        return new PortTable(slots, names, descriptions, extras);
    }

    /// <summary>The raw embedded <c>ports.bin</c>.</summary>
    internal static byte[] ReadEmbeddedBytes()
    {
        using var stream = typeof(PortTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The port table resource " + ResourceName + " is missing from " +
                typeof(PortTable).Assembly.GetName().Name + "; rebuild FlowRole.Core with src/FlowRole.Core/Ports/Data/ports.bin present.");
        var bytes = new byte[stream.Length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = stream.Read(bytes, read, bytes.Length - read);
            if (n == 0)
            {
                throw new InvalidDataException("The port table resource " + ResourceName + " ended early.");
            }

            read += n;
        }

        return bytes;
    }

    // Port-bearing transports without a table of their own borrow one; -1 means the transport has no ports.
    private static int LookupTableOf(Transport transport) => transport switch
    {
        Transport.Tcp => 0,
        Transport.Udp or UdpLite => 1,
        Transport.Sctp => 2,
        IanaRegistryReader.Dccp or Transport.Unknown => 0,
        _ => -1,
    };

    private static PortTable LoadEmbedded() => FromBinary(ReadEmbeddedBytes(), "embedded " + ResourceName);

    private static string[] BuildOsNames()
    {
        string[] tokens = ["linux", "windows", "windows-legacy", "macos", "freebsd", "openbsd"];
        var names = new string[1 << tokens.Length];
        var sb = new StringBuilder();
        for (var set = 0; set < names.Length; set++)
        {
            sb.Clear();
            for (var bit = 0; bit < tokens.Length; bit++)
            {
                if ((set & (1 << bit)) != 0)
                {
                    sb.Append(sb.Length == 0 ? string.Empty : " ").Append(tokens[bit]);
                }
            }

            names[set] = sb.ToString();
        }

        return names;
    }

    private static Transport TransportOfTable(int table) => table switch
    {
        0 => Transport.Tcp,
        1 => Transport.Udp,
        _ => Transport.Sctp,
    };

    private ServiceIndex BuildServiceIndex()
    {
        var byName = new Dictionary<string, List<PortInfo>>(StringComparer.OrdinalIgnoreCase);
        void Add(string name, PortInfo info)
        {
            if (!byName.TryGetValue(name, out var list))
            {
                list = [];
                byName.Add(name, list);
            }

            list.Add(info);
        }

        for (var slot = 0; slot < _slots.Length; slot++)
        {
            var entry = _slots[slot];
            if (_names[entry] is { } name)
            {
                var port = (ushort)(slot & 0xFFFF);
                Add(name, new PortInfo(port, TransportOfTable(slot >> 16), name, _descriptions[entry], EphemeralOsOf(port)));
            }
        }

        foreach (var (slot, entry) in _extras)
        {
            var port = (ushort)(slot & 0xFFFF);
            Add(_names[entry]!, new PortInfo(port, TransportOfTable(slot >> 16), _names[entry], _descriptions[entry], EphemeralOsOf(port)));
        }

        foreach (var alias in ServiceAliases.All)
        {
            for (int port = alias.FirstPort; port <= alias.LastPort; port++)
            {
                // An alias widens a name; a port/transport the name already covers keeps the IANA registration.
                var known = byName.TryGetValue(alias.Name, out var list) && list.Exists(i => i.Port == port && i.Transport == alias.Transport);
                if (!known)
                {
                    Add(alias.Name, Get((ushort)port, alias.Transport));
                }
            }
        }

        var index = new Dictionary<string, IReadOnlyList<PortInfo>>(byName.Count, StringComparer.OrdinalIgnoreCase);
        var names = new string[byName.Count];
        var n = 0;
        foreach (var pair in byName)
        {
            var infos = pair.Value.ToArray();
            Array.Sort(infos, static (a, b) => a.Port != b.Port ? a.Port.CompareTo(b.Port) : ((byte)a.Transport).CompareTo((byte)b.Transport));
            index.Add(pair.Key, new ReadOnlyCollection<PortInfo>(infos));
            names[n++] = pair.Key;
        }

        Array.Sort(names, StringComparer.OrdinalIgnoreCase);
        return new ServiceIndex(index, new ReadOnlyCollection<string>(names));
    }

    /// <summary>The by-name view, built once on first use so loading the table stays cheap.</summary>
    private sealed class ServiceIndex
    {
        public static readonly IReadOnlyList<PortInfo> None = new ReadOnlyCollection<PortInfo>([]);

        public ServiceIndex(Dictionary<string, IReadOnlyList<PortInfo>> byName, IReadOnlyList<string> names)
        {
            ByName = byName;
            Names = names;
        }

        public Dictionary<string, IReadOnlyList<PortInfo>> ByName { get; }

        public IReadOnlyList<string> Names { get; }
    }
}
