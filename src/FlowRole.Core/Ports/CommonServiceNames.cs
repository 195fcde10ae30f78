using FlowRole.Flows;

namespace FlowRole.Ports;

/// <summary>
/// The names analysts and Zeek use for the busiest services (<c>rdp</c>, <c>smb</c>, <c>dns</c>, <c>https</c>),
/// shown as a flow's <c>service</c> in place of IANA's formal names (<c>ms-wbt-server</c>, <c>microsoft-ds</c>,
/// <c>domain</c>). Every other port keeps its IANA name.
/// </summary>
public static class CommonServiceNames
{
    // Per transport, the final answer for every port (common name, else IANA's), so a lookup is one array read.
    private static readonly string?[] TcpNames;
    private static readonly string?[] UdpNames;
    private static readonly string?[] SctpNames;

#pragma warning disable CA1810 // One static constructor builds three tables from one pass; field initialisers cannot share it.
    static CommonServiceNames()
#pragma warning restore CA1810
    {
        var (tcp, udp) = BuildCommon();
        var ports = PortTable.Default;
        var sctp = new string?[65536];
        for (int p = 0; p < 65536; p++)
        {
            tcp[p] ??= ports.GetServiceName((ushort)p, Transport.Tcp);
            udp[p] ??= ports.GetServiceName((ushort)p, Transport.Udp);
            sctp[p] = ports.GetServiceName((ushort)p, Transport.Sctp);
        }

        TcpNames = tcp;
        UdpNames = udp;
        SctpNames = sctp;
    }

    /// <summary>The display name of a server port: the common name, else the IANA name, else null. Allocation-free.</summary>
    public static string? Get(ushort port, Transport transport) => transport switch
    {
        Transport.Tcp => TcpNames[port],
        Transport.Udp => UdpNames[port],
        Transport.Sctp => SctpNames[port],
        Transport.Icmp or Transport.IcmpV6 => null,
        _ => PortTable.Default.GetServiceName(port, transport),
    };

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
