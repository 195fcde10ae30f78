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
    private static readonly Dictionary<string, ushort> IndexByName;
    private static readonly byte[]?[] Utf8Names;

#pragma warning disable CA1810 // One static constructor builds the tables from one pass; field initialisers cannot share it.
    static CommonServiceNames()
#pragma warning restore CA1810
    {
        var ports = PortTable.Default;
        string?[] entryNames = ports.EntryNames;
        var names = new List<string?>(entryNames);
        var byName = new Dictionary<string, ushort>(StringComparer.Ordinal);
        for (int i = entryNames.Length - 1; i > 0; i--)
        {
            if (entryNames[i] is { } name)
            {
                byName[name] = (ushort)i;
            }
        }

        ushort IndexOf(string name)
        {
            if (!byName.TryGetValue(name, out ushort index))
            {
                if (names.Count > ushort.MaxValue)
                {
                    throw new InvalidOperationException("The port table and common names hold more than 65,535 names.");
                }

                index = (ushort)names.Count;
                names.Add(name);
                byName.Add(name, index);
            }

            return index;
        }

        var (tcp, udp) = BuildCommon();
        Slots = ports.Slots;
        TcpIndex = new ushort[65536];
        UdpIndex = new ushort[65536];
        int tcpTable = PortTable.TableOf(Transport.Tcp) << 16, udpTable = PortTable.TableOf(Transport.Udp) << 16;
        for (int p = 0; p < 65536; p++)
        {
            TcpIndex[p] = tcp[p] is { } t ? IndexOf(t) : Slots[tcpTable | p];
            UdpIndex[p] = udp[p] is { } u ? IndexOf(u) : Slots[udpTable | p];
        }

        Names = names.ToArray();
        IndexByName = byName;
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

        lock (IndexByName)
        {
            if (!IndexByName.TryGetValue(name, out ushort index))
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
                IndexByName.Add(name, index);

                // Publishing the new array after filling it: readers see either table, both valid for their indexes.
                Names = grown;
            }

            return index;
        }
    }

    private static (string?[], string?[]) BuildCommon()
    {
        var tcp = new string?[65536];
        var udp = new string?[65536];
        void Both(ushort port, string name)
        {
            tcp[port] = name;
            udp[port] = name;
        }

        tcp[20] = "ftp-data";
        tcp[21] = "ftp";
        Both(53, "dns");
        udp[67] = "dhcp";
        udp[68] = "dhcp-client";
        tcp[80] = "http";
        Both(88, "kerberos");
        tcp[110] = "pop3";
        Both(111, "rpcbind");
        Both(135, "msrpc");
        Both(137, "netbios-ns");
        Both(138, "netbios-dgm");
        tcp[139] = "netbios-ssn";
        tcp[143] = "imap";
        Both(389, "ldap");
        tcp[443] = "https";
        udp[443] = "quic";
        tcp[445] = "smb";
        tcp[465] = "smtps";
        udp[500] = "ike";
        udp[547] = "dhcpv6";
        tcp[514] = "rsh";
        udp[514] = "syslog";
        tcp[587] = "submission";
        tcp[636] = "ldaps";
        Both(853, "dns-over-tls");
        tcp[993] = "imaps";
        tcp[995] = "pop3s";
        tcp[1433] = "mssql";
        udp[1434] = "mssql-browser";
        tcp[1521] = "oracle";
        udp[1900] = "ssdp";
        tcp[2049] = "nfs";
        udp[2049] = "nfs";
        tcp[3268] = "ldap-gc";
        tcp[3269] = "ldaps-gc";
        tcp[3306] = "mysql";
        Both(3389, "rdp");
        udp[4500] = "ipsec-nat-t";
        tcp[5060] = "sip";
        udp[5060] = "sip";
        udp[5353] = "mdns";
        udp[5355] = "llmnr";
        tcp[5432] = "postgresql";
        tcp[5900] = "vnc";
        tcp[5985] = "winrm";
        tcp[5986] = "winrm-https";
        tcp[6379] = "redis";
        tcp[6667] = "irc";
        tcp[6697] = "ircs";
        tcp[8080] = "http-alt";
        tcp[8443] = "https-alt";
        tcp[9050] = "tor-socks";
        tcp[9200] = "elasticsearch";
        Both(11211, "memcached");
        tcp[27017] = "mongodb";
        return (tcp, udp);
    }
}
