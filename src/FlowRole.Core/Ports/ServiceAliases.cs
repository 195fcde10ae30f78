using FlowRole.Flows;

namespace FlowRole.Ports;

/// <summary>
/// Names analysts type that the IANA registry does not use (<c>rdp</c> for <c>ms-wbt-server</c>, <c>smb</c> for
/// <c>microsoft-ds</c>) or uses more narrowly than people mean (<c>syslog</c> is 514/udp only in IANA). A lookup by
/// one of these names returns the union of its IANA registrations (if any) and the ports listed here, so an alias
/// can widen an IANA name but never hide one. Each port/transport is listed where the protocol really runs.
/// </summary>
internal static class ServiceAliases
{
    private const Transport Tcp = Transport.Tcp;
    private const Transport Udp = Transport.Udp;

    /// <summary>Every alias, grouped by name; a name may span several rows.</summary>
    public static readonly ServiceAlias[] All =
    [
        // Windows and Active Directory
        new("rdp", Tcp, 3389), new("rdp", Udp, 3389),                      // IANA ms-wbt-server; RDP 8+ adds a UDP transport
        new("smb", Tcp, 445), new("smb", Tcp, 139),                        // SMB direct (microsoft-ds) and over NetBIOS session
        new("winrm", Tcp, 5985), new("winrm", Tcp, 5986),                  // IANA wsman/wsmans; IANA's own "winrm" is 47001
        new("ldap", Tcp, 3268),                                            // global catalog (msft-gc) speaks LDAP too
        new("ldaps", Tcp, 3269),                                           // global catalog over TLS (msft-gc-ssl)
        new("globalcatalog", Tcp, 3268), new("globalcatalog", Tcp, 3269),
        new("rpc", Tcp, 135), new("rpc", Udp, 135),                        // MS-RPC endpoint mapper (IANA epmap)
        new("msrpc", Tcp, 135), new("msrpc", Udp, 135),
        new("netbios", Udp, 137), new("netbios", Udp, 138), new("netbios", Tcp, 139),
        new("mssql", Tcp, 1433), new("mssql", Udp, 1434),                  // ms-sql-s; the browser service answers on 1434/udp

        // Name resolution, time, management
        new("dns", Tcp, 53), new("dns", Udp, 53),                          // IANA domain
        new("dns", Tcp, 853), new("dns", Udp, 853),                        // IANA domain-s: DNS over TLS/DTLS/QUIC
        new("dhcp", Udp, 67), new("dhcp", Udp, 68),                        // IANA bootps/bootpc
        new("snmp", Udp, 162), new("snmp", Tcp, 162),                      // traps (snmptrap) besides IANA's 161
        new("syslog", Tcp, 514),                                           // IANA says rsh ("shell"), but rsyslog/syslog-ng listen here
        new("syslog", Tcp, 601),                                           // syslog-conn (RFC 3195)
        new("syslog", Tcp, 6514), new("syslog", Udp, 6514),                // syslog-tls (RFC 5425/6012)

        // Mail and file transfer: the secure and submission variants belong to the same service for a hunter
        new("smtp", Tcp, 465), new("smtp", Tcp, 587),
        new("imap", Tcp, 993),
        new("pop3", Tcp, 995),
        new("ftp", Tcp, 20), new("ftp", Tcp, 990),

        // Remote access
        new("vnc", Tcp, 5900),                                             // IANA rfb
        new("vnc", Tcp, 5800),                                             // VNC's Java viewer over HTTP
        new("ipsec", Udp, 500), new("ipsec", Udp, 4500),                   // isakmp and ipsec-nat-t
        new("ike", Udp, 500), new("ike", Udp, 4500),
        new("wireguard", Udp, 51820),                                      // unassigned in IANA; WireGuard's default
        new("winbox", Tcp, 8291),                                          // MikroTik RouterOS management

        // Databases, caches, search and message brokers (most are not in IANA under these names)
        new("postgres", Tcp, 5432),                                        // IANA postgresql
        new("memcached", Tcp, 11211), new("memcached", Udp, 11211),        // IANA memcache
        new("mongodb", Tcp, 27018), new("mongodb", Tcp, 27019),            // shard and config servers besides IANA's 27017
        new("elasticsearch", Tcp, 9200), new("elasticsearch", Tcp, 9300),  // REST and transport (IANA wap-wsp, vrace)
        new("kibana", Tcp, 5601),
        new("oracle", Tcp, 1521),                                          // the TNS listener (IANA ncube-lm); IANA's oracle is 2005/udp
        new("cassandra", Tcp, 9042),
        new("kafka", Tcp, 9092),
        new("zookeeper", Tcp, 2181),
        new("rabbitmq", Tcp, 5672), new("rabbitmq", Tcp, 15672),           // AMQP and the management UI
        new("etcd", Tcp, 2379), new("etcd", Tcp, 2380),
        new("docker", Tcp, 2376),                                          // the TLS API besides IANA's 2375

        // Chat and anonymity networks
        new("irc", Tcp, 6665, 6669),                                       // IANA ircu, the ports IRC networks really use
        new("irc", Tcp, 6697),                                             // ircs-u: IRC over TLS
        new("tor", Tcp, 9001), new("tor", Tcp, 9030),                      // relay ORPort and DirPort defaults
        new("tor", Tcp, 9050), new("tor", Tcp, 9051), new("tor", Tcp, 9150), // SOCKS, control, Tor Browser SOCKS

        // Industrial control
        new("modbus", Tcp, 502), new("modbus", Udp, 502),                  // IANA mbap
        new("s7", Tcp, 102),                                               // Siemens S7 over ISO-TSAP
        new("dnp3", Tcp, 20000), new("dnp3", Udp, 20000),                  // IANA dnp

        // Web and QUIC
        new("quic", Udp, 443),
    ];
}
