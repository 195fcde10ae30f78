namespace FlowRole.Text;

/// <summary>The log format an alert line was recognised as (see <see cref="AlertTextParser"/>).</summary>
public enum AlertFormat : byte
{
    /// <summary>Nothing recognisable (empty text, or no endpoint at all).</summary>
    Unknown = 0,

    /// <summary>Free text: endpoints as <c>ip:port</c>, <c>[ipv6]:port</c>, <c>ip.port</c> or <c>ip port N</c>, with arrows or words (<c>-&gt;</c>, <c>to</c>, <c>from</c>, <c>Source</c>, <c>dst</c>) giving direction.</summary>
    FreeText,

    /// <summary>Key=value pairs (<c>src=</c>, <c>dst=</c>, <c>srcip=</c>, <c>dport=</c>, <c>proto=</c>...) outside the formats below.</summary>
    KeyValue,

    /// <summary>tcpdump's one-line form: <c>IP 10.0.0.5.53210 &gt; 10.0.0.6.443: Flags [S]</c>.</summary>
    Tcpdump,

    /// <summary>A Linux netfilter (iptables/nftables) LOG line: <c>SRC= DST= PROTO= SPT= DPT=</c>.</summary>
    Netfilter,

    /// <summary>ArcSight Common Event Format: a <c>CEF:</c> header and <c>src= spt= dst= dpt= proto=</c> extensions.</summary>
    Cef,

    /// <summary>A Windows Firewall log (pfirewall.log) line: <c>date time action protocol src-ip dst-ip src-port dst-port ... path</c>.</summary>
    WindowsFirewall,

    /// <summary>A pfSense/OPNsense <c>filterlog</c> CSV line.</summary>
    PfSenseFilterlog,

    /// <summary>A Cisco ASA/FTD message: 302013-302016 built/teardown connections, or another message with <c>src</c>/<c>dst</c> or <c>from</c>/<c>to</c> endpoints.</summary>
    CiscoAsa,

    /// <summary>A Palo Alto Networks PAN-OS TRAFFIC log in its syslog CSV form.</summary>
    PaloAltoTraffic,
}
