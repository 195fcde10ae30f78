namespace FlowRole.Text;

/// <summary>What a word in an alert line tells the scanner (see <see cref="AlertWords"/>).</summary>
internal enum WordKind : byte
{
    /// <summary>Any other word: it ends a pending label.</summary>
    Other = 0,

    /// <summary>A word between a label and its value that changes nothing (<c>IP</c>, <c>address</c>, <c>host</c>).</summary>
    Filler,

    /// <summary>The next endpoint is the source (<c>Source</c>, <c>src</c>, <c>from</c>, <c>SRC</c>, <c>srcip</c>...).</summary>
    SourceLabel,

    /// <summary>The next endpoint is the destination (<c>Destination</c>, <c>dst</c>, <c>to</c>, <c>DST</c>...).</summary>
    DestinationLabel,

    /// <summary>The source port follows (<c>spt</c>, <c>SPT</c>, <c>sport</c>, <c>src_port</c>...).</summary>
    SourcePortLabel,

    /// <summary>The destination port follows (<c>dpt</c>, <c>DPT</c>, <c>dport</c>, <c>dst_port</c>...).</summary>
    DestinationPortLabel,

    /// <summary><c>port</c>: after a source or destination label, that side's port follows.</summary>
    Port,

    /// <summary>The transport follows (<c>proto</c>, <c>PROTO</c>, <c>protocol</c>, <c>transport</c>).</summary>
    ProtocolLabel,

    /// <summary>A transport named on its own (<c>TCP</c>, <c>udp</c>, <c>ICMP</c>, <c>sctp</c>, <c>icmpv6</c>).</summary>
    TransportName,

    /// <summary>The ICMP type follows (<c>TYPE</c>, <c>icmp_type</c>).</summary>
    IcmpTypeLabel,

    /// <summary>The ICMP code follows (<c>CODE</c>, <c>icmp_code</c>).</summary>
    IcmpCodeLabel,

    /// <summary>TCP flags follow (<c>Flags [S]</c>, <c>flags SYN</c>, <c>tcp_flags=S</c>).</summary>
    FlagsLabel,

    /// <summary>A netfilter flag word on its own (<c>SYN</c>, <c>ACK</c>, <c>FIN</c>, <c>RST</c>, <c>PSH</c>, <c>URG</c>).</summary>
    FlagWord,
}
