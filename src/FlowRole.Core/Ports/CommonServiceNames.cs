using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using FlowRole.Flows;

namespace FlowRole.Ports;

/// <summary>
/// The names analysts and Zeek use for the busiest services (<c>rdp</c>, <c>smb</c>, <c>dns</c>, <c>https</c>),
/// shown as a flow's <c>service</c> in place of IANA's formal names (<c>ms-wbt-server</c>, <c>microsoft-ds</c>,
/// <c>domain</c>). Every other port keeps its IANA name.
/// </summary>
public static class CommonServiceNames
{
    // Every name a flow's service can take, once: the port table's entry names (so an IANA name's index is its
    // entry number) followed by the common names IANA does not use. Results carry a 16-bit index into this table
    // rather than a string: a result then holds no reference, and the per-port tables are 128 KB, not 512 KB.
    private static string?[] Names;

    // Per transport, the final answer for every port (common name, else IANA's) as an index into Names, so a
    // lookup is one array read. SCTP has no common names: its answers are the port table's own entries.
    private static readonly ushort[] TcpIndex;
    private static readonly ushort[] UdpIndex;
    private static readonly ushort[] Slots;
    private static readonly byte[]?[] Utf8Names;
    private static readonly object NamesLock = new();
    private static Dictionary<string, ushort>? _indexByName;

#pragma warning disable CA1810 // One static constructor builds the tables from one pass; field initialisers cannot share it.
    static CommonServiceNames()
#pragma warning restore CA1810
    {
        // The IANA answers are the port table's own entries; the common names are appended (about fifty, each once)
        // and written over their ports. Cheap on purpose: this runs when the first flow is classified.
        var ports = PortTable.Default;
        Slots = ports.Slots;
        TcpIndex = Slots.AsSpan(PortTable.TableOf(Transport.Tcp) << 16, 65536).ToArray();
        UdpIndex = Slots.AsSpan(PortTable.TableOf(Transport.Udp) << 16, 65536).ToArray();
        var names = new List<string?>(ports.EntryNames);
        var appended = new Dictionary<string, ushort>(StringComparer.Ordinal);
        foreach ((Transport transport, ushort port, string name) in Common())
        {
            if (!appended.TryGetValue(name, out ushort index))
            {
                if (names.Count > ushort.MaxValue)
                {
                    throw new InvalidOperationException("The port table and common names hold more than 65,535 names.");
                }

                index = (ushort)names.Count;
                names.Add(name);
                appended.Add(name, index);
            }

            (transport == Transport.Tcp ? TcpIndex : UdpIndex)[port] = index;
        }

        Names = names.ToArray();
        Utf8Names = new byte[Names.Length][];
    }

    /// <summary>The display name of a server port: the common name, else the IANA name, else null. Allocation-free.</summary>
    public static string? Get(ushort port, Transport transport) => Names[IndexOf(port, transport)];

    /// <summary>The index of <see cref="Get"/>'s answer in the name table (0: no name); what a result stores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ushort IndexOf(ushort port, Transport transport) => transport switch
    {
        Transport.Tcp => TcpIndex[port],
        Transport.Udp => UdpIndex[port],
        Transport.Sctp => Slots[(2 << 16) | port],
        Transport.Icmp or Transport.IcmpV6 => 0,
        _ => PortTable.Default.EntryOf(port, transport),
    };

    /// <summary>The TCP answers as name indexes per port (for hot paths that hold the table in a field).</summary>
    internal static ushort[] TcpIndexes => TcpIndex;

    /// <summary>The UDP answers as name indexes per port.</summary>
    internal static ushort[] UdpIndexes => UdpIndex;

    /// <summary>The name at an index from <see cref="IndexOf"/>.</summary>
    internal static string? NameAt(ushort index) => Names[index];

    /// <summary>
    /// The name at an index as UTF-8 (empty for no name), encoded on first use and kept, so writers copy bytes
    /// rather than transcode a string per record. Names added after start-up (results built from parts) are encoded
    /// each time instead.
    /// </summary>
    internal static ReadOnlySpan<byte> Utf8At(ushort index)
    {
        byte[]?[] cache = Utf8Names;
        if (index < cache.Length)
        {
            // Two threads may both encode a name the first time: both store equal bytes.
            return cache[index] ??= Encoding.UTF8.GetBytes(Names[index] ?? string.Empty);
        }

        return Encoding.UTF8.GetBytes(Names[index] ?? string.Empty);
    }

    /// <summary>
    /// The index of a name (null: 0), for results built from parts rather than classified. A name the tables do not
    /// hold is added (under a lock, by replacing the table), so any name round-trips; classification never adds one.
    /// </summary>
    /// <exception cref="InvalidOperationException">More than 65,535 distinct names.</exception>
    internal static ushort IndexOfName(string? name)
    {
        if (name is null)
        {
            return 0;
        }

        lock (NamesLock)
        {
            Dictionary<string, ushort> byName = _indexByName ??= BuildIndexByName();
            if (!byName.TryGetValue(name, out ushort index))
            {
                string?[] names = Names;
                if (names.Length > ushort.MaxValue)
                {
                    throw new InvalidOperationException("More than 65,535 distinct service names.");
                }

                var grown = new string?[names.Length + 1];
                Array.Copy(names, grown, names.Length);
                grown[names.Length] = name;
                index = (ushort)names.Length;
                byName.Add(name, index);

                // Publishing the new array after filling it: readers see either table, both valid for their indexes.
                Names = grown;
            }

            return index;
        }
    }

    private static Dictionary<string, ushort> BuildIndexByName()
    {
        // Built on first use: only results made from parts (not classified) need a name's index.
        string?[] names = Names;
        var byName = new Dictionary<string, ushort>(names.Length, StringComparer.Ordinal);
        for (int i = names.Length - 1; i > 0; i--)
        {
            if (names[i] is { } name)
            {
                byName[name] = (ushort)i;
            }
        }

        return byName;
    }

    private static List<(Transport Transport, ushort Port, string Name)> Common()
    {
        var common = new List<(Transport, ushort, string)>(64);
        void Tcp(ushort port, string name) => common.Add((Transport.Tcp, port, name));
        void Udp(ushort port, string name) => common.Add((Transport.Udp, port, name));
        void Both(ushort port, string name)
        {
            Tcp(port, name);
            Udp(port, name);
        }

        Tcp(20, "ftp-data");
        Tcp(21, "ftp");
        Both(53, "dns");
        Udp(67, "dhcp");
        Udp(68, "dhcp-client");
        Tcp(80, "http");
        Both(88, "kerberos");
        Tcp(110, "pop3");
        Both(111, "rpcbind");
        Both(135, "msrpc");
        Both(137, "netbios-ns");
        Both(138, "netbios-dgm");
        Tcp(139, "netbios-ssn");
        Tcp(143, "imap");
        Both(389, "ldap");
        Tcp(443, "https");
        Udp(443, "quic");
        Tcp(445, "smb");
        Tcp(465, "smtps");
        Udp(500, "ike");
        Udp(547, "dhcpv6");
        Tcp(514, "rsh");
        Udp(514, "syslog");
        Tcp(587, "submission");
        Tcp(636, "ldaps");
        Both(853, "dns-over-tls");
        Tcp(993, "imaps");
        Tcp(995, "pop3s");
        Tcp(1433, "mssql");
        Udp(1434, "mssql-browser");
        Tcp(1521, "oracle");
        Udp(1900, "ssdp");
        Tcp(2049, "nfs");
        Udp(2049, "nfs");
        Tcp(3268, "ldap-gc");
        Tcp(3269, "ldaps-gc");
        Tcp(3306, "mysql");
        Both(3389, "rdp");
        Udp(4500, "ipsec-nat-t");
        Tcp(5060, "sip");
        Udp(5060, "sip");
        Udp(5353, "mdns");
        Udp(5355, "llmnr");
        Tcp(5432, "postgresql");
        Tcp(5900, "vnc");
        Tcp(5985, "winrm");
        Tcp(5986, "winrm-https");
        Tcp(6379, "redis");
        Tcp(6667, "irc");
        Tcp(6697, "ircs");
        Tcp(8080, "http-alt");
        Tcp(8443, "https-alt");
        Tcp(9050, "tor-socks");
        Tcp(9200, "elasticsearch");
        Both(11211, "memcached");
        Tcp(27017, "mongodb");
        return common;
    }
}
