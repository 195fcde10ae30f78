using System;
using System.Collections.Generic;

namespace FlowRole.Fields;

/// <summary>
/// The input field alias map: which column names carry each <see cref="FlowField"/> in Splunk CIM, ECS, Zeek,
/// Suricata, Sysmon, Get-NetTCPConnection, the Windows Firewall log, WFP events and OCSF.
/// </summary>
/// <remarks>
/// Precedence is deterministic. For each field, every alias present in the header is a candidate; candidates are
/// ordered by (1) exact spelling before an ASCII case-insensitive match, then (2) the alias order listed by
/// <see cref="For"/>. On each row the first candidate with a value (not empty, <c>-</c>, <c>(empty)</c> or JSON null)
/// is used, so a search result that mixes schemas binds every row from the columns that row fills. An explicit
/// override (e.g. Splunk's <c>src=&lt;field&gt;</c>) replaces a field's candidates with the one column named.
/// An alias with <see cref="FieldAlias.RequiresColumn"/> counts only when that column is in the header too.
/// </remarks>
public static class FieldAliases
{
    private static readonly FieldAlias[][] Table = BuildTable();
    private static readonly FlowField[] AllFields = BuildAll();

    /// <summary>Every field, in declaration order.</summary>
    public static IReadOnlyList<FlowField> Fields => AllFields;

    /// <summary>The aliases of a field, in precedence order.</summary>
    public static IReadOnlyList<FieldAlias> For(FlowField field) => Table[Index(field)];

    /// <summary>What the field means (the same text as the <see cref="FlowField"/> documentation).</summary>
    public static string Describe(FlowField field) => field switch
    {
        FlowField.SourceAddress => "Address of the record's source side (the sender of the first packet, or the local host).",
        FlowField.SourcePort => "Port of the record's source side.",
        FlowField.DestinationAddress => "Address of the record's destination side.",
        FlowField.DestinationPort => "Port of the record's destination side.",
        FlowField.ClientAddress => "Address of the side the log names as the client (initiator), such as ECS client.ip.",
        FlowField.ClientPort => "Port of the side the log names as the client (initiator).",
        FlowField.ServerAddress => "Address of the side the log names as the server (responder), such as ECS server.ip.",
        FlowField.ServerPort => "Port of the side the log names as the server (responder).",
        FlowField.Transport => "Transport protocol: a name such as tcp, udp, icmp, ipv6-icmp or sctp, or an IANA protocol number.",
        FlowField.IcmpType => "ICMP type (Zeek puts it in the originator port; other logs have their own column).",
        FlowField.IcmpCode => "ICMP code (Zeek puts it in the responder port).",
        FlowField.TcpFlags => "TCP flags of the logged packet: letters (S, SA), names (SYN,ACK), a number (0x12, 18) or tcpdump style ([S.]).",
        FlowField.ZeekHistory => "Zeek conn.log history letters (ShADadFf...).",
        FlowField.ConnState => "Zeek conn.log connection state (S0, SF, REJ, ...).",
        FlowField.Initiator => "An explicit statement of which side initiated: source or destination.",
        FlowField.OcsfInitiatorId => "OCSF initiator_id: 1 the source endpoint initiated, 2 the destination endpoint did, 0 or 99 unknown.",
        FlowField.OcsfSrcDstAssignmentKnown => "OCSF is_src_dst_assignment_known: true when src/dst really are initiator/responder.",
        FlowField.SysmonInitiated => "Sysmon event 3 Initiated: true when the local process (the source side) opened the connection.",
        FlowField.FirewallPath => "Windows Firewall log path (SEND, RECEIVE): the logged packet opened the connection from the source side.",
        FlowField.SocketState => "Get-NetTCPConnection State: SynSent means the local (source) side is connecting, SynReceived the remote side.",
        FlowField.EventType => "Suricata eve.json event_type: only flow and netflow events describe flows.",
        FlowField.SourceBytes => "Bytes sent by the source side.",
        FlowField.DestinationBytes => "Bytes sent by the destination side.",
        FlowField.SourcePackets => "Packets sent by the source side.",
        FlowField.DestinationPackets => "Packets sent by the destination side.",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>
    /// The short name used to override a field's column (CLI <c>--field src=COLUMN</c>, Splunk <c>src=COLUMN</c>),
    /// e.g. <c>src</c>, <c>dest_port</c>, <c>transport</c>.
    /// </summary>
    public static string ParameterName(FlowField field) => field switch
    {
        FlowField.SourceAddress => "src",
        FlowField.SourcePort => "src_port",
        FlowField.DestinationAddress => "dest",
        FlowField.DestinationPort => "dest_port",
        FlowField.ClientAddress => "client",
        FlowField.ClientPort => "client_port",
        FlowField.ServerAddress => "server",
        FlowField.ServerPort => "server_port",
        FlowField.Transport => "transport",
        FlowField.IcmpType => "icmp_type",
        FlowField.IcmpCode => "icmp_code",
        FlowField.TcpFlags => "tcp_flags",
        FlowField.ZeekHistory => "history",
        FlowField.ConnState => "conn_state",
        FlowField.Initiator => "initiator",
        FlowField.OcsfInitiatorId => "initiator_id",
        FlowField.OcsfSrcDstAssignmentKnown => "src_dst_known",
        FlowField.SysmonInitiated => "initiated",
        FlowField.FirewallPath => "firewall_path",
        FlowField.SocketState => "state",
        FlowField.EventType => "event_type",
        FlowField.SourceBytes => "src_bytes",
        FlowField.DestinationBytes => "dest_bytes",
        FlowField.SourcePackets => "src_packets",
        FlowField.DestinationPackets => "dest_packets",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>A few words naming the field in messages, e.g. "source address".</summary>
    public static string DisplayName(FlowField field) => field switch
    {
        FlowField.SourceAddress => "source address",
        FlowField.SourcePort => "source port",
        FlowField.DestinationAddress => "destination address",
        FlowField.DestinationPort => "destination port",
        FlowField.ClientAddress => "client address",
        FlowField.ClientPort => "client port",
        FlowField.ServerAddress => "server address",
        FlowField.ServerPort => "server port",
        FlowField.Transport => "transport",
        FlowField.IcmpType => "ICMP type",
        FlowField.IcmpCode => "ICMP code",
        FlowField.TcpFlags => "TCP flags",
        FlowField.ZeekHistory => "Zeek history",
        FlowField.ConnState => "Zeek conn_state",
        FlowField.Initiator => "initiator",
        FlowField.OcsfInitiatorId => "OCSF initiator_id",
        FlowField.OcsfSrcDstAssignmentKnown => "OCSF is_src_dst_assignment_known",
        FlowField.SysmonInitiated => "Sysmon Initiated",
        FlowField.FirewallPath => "firewall path",
        FlowField.SocketState => "TCP connection state",
        FlowField.EventType => "Suricata event_type",
        FlowField.SourceBytes => "source bytes",
        FlowField.DestinationBytes => "destination bytes",
        FlowField.SourcePackets => "source packets",
        FlowField.DestinationPackets => "destination packets",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>Finds a field by its <see cref="ParameterName"/> (ASCII case-insensitive).</summary>
    public static bool TryParseParameterName(string? name, out FlowField field)
    {
        if (name is not null)
        {
            foreach (FlowField f in AllFields)
            {
                if (string.Equals(ParameterName(f), name.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    field = f;
                    return true;
                }
            }
        }

        field = default;
        return false;
    }

    internal static int Index(FlowField field)
    {
        int i = (int)field;
        if ((uint)i >= (uint)Table.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }

        return i;
    }

    internal static int FieldCount => Table.Length;

    private static FlowField[] BuildAll()
    {
        var all = new FlowField[Table.Length];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = (FlowField)i;
        }

        return all;
    }

    private static FieldAlias[][] BuildTable()
    {
        const FieldSchema Cim = FieldSchema.SplunkCim, Ecs = FieldSchema.Ecs, Zeek = FieldSchema.Zeek,
            Suricata = FieldSchema.Suricata, Sysmon = FieldSchema.Sysmon, NetTcp = FieldSchema.GetNetTcpConnection,
            Fw = FieldSchema.WindowsFirewall, Wfp = FieldSchema.WindowsFilteringPlatform, Ocsf = FieldSchema.Ocsf,
            Generic = FieldSchema.Generic;

        var t = new FieldAlias[(int)FlowField.DestinationPackets + 1][];

        // Endpoints. Specific spellings (src_ip) come before generic ones (src, which CIM allows to be a host name).
        t[(int)FlowField.SourceAddress] = Make(FlowField.SourceAddress,
            ("src_ip", Cim, null), ("source.ip", Ecs, null), ("id.orig_h", Zeek, null), ("SourceIp", Sysmon, null),
            ("src-ip", Fw, null), ("src_endpoint.ip", Ocsf, null), ("LocalAddress", NetTcp, null),
            ("SourceAddress", Wfp, null), ("orig_h", Generic, null), ("src", Cim, null), ("source.address", Ecs, null));
        t[(int)FlowField.SourcePort] = Make(FlowField.SourcePort,
            ("src_port", Cim, null), ("source.port", Ecs, null), ("id.orig_p", Zeek, null), ("SourcePort", Sysmon, null),
            ("src-port", Fw, null), ("src_endpoint.port", Ocsf, null), ("LocalPort", NetTcp, null),
            ("orig_p", Generic, null));
        t[(int)FlowField.DestinationAddress] = Make(FlowField.DestinationAddress,
            ("dest_ip", Cim, null), ("destination.ip", Ecs, null), ("id.resp_h", Zeek, null),
            ("DestinationIp", Sysmon, null), ("dst-ip", Fw, null), ("dst_endpoint.ip", Ocsf, null),
            ("RemoteAddress", NetTcp, null), ("DestAddress", Wfp, null), ("dst_ip", Generic, null),
            ("resp_h", Generic, null), ("dest", Cim, null), ("destination.address", Ecs, null));
        t[(int)FlowField.DestinationPort] = Make(FlowField.DestinationPort,
            ("dest_port", Cim, null), ("destination.port", Ecs, null), ("id.resp_p", Zeek, null),
            ("DestinationPort", Sysmon, null), ("dst-port", Fw, null), ("dst_endpoint.port", Ocsf, null),
            ("RemotePort", NetTcp, null), ("DestPort", Wfp, null), ("dst_port", Generic, null),
            ("resp_p", Generic, null));
        t[(int)FlowField.ClientAddress] = Make(FlowField.ClientAddress, ("client.ip", Ecs, null), ("client.address", Ecs, null));
        t[(int)FlowField.ClientPort] = Make(FlowField.ClientPort, ("client.port", Ecs, null));
        t[(int)FlowField.ServerAddress] = Make(FlowField.ServerAddress, ("server.ip", Ecs, null), ("server.address", Ecs, null));
        t[(int)FlowField.ServerPort] = Make(FlowField.ServerPort, ("server.port", Ecs, null));

        // Transport. CIM `protocol` is L3 ("ip") by definition but often holds tcp/udp; it comes last, and an
        // unknown value there falls through to the next candidate.
        t[(int)FlowField.Transport] = Make(FlowField.Transport,
            ("transport", Cim, null), ("network.transport", Ecs, null), ("proto", Zeek, null),
            ("connection_info.protocol_name", Ocsf, null), ("network.iana_number", Ecs, null),
            ("connection_info.protocol_num", Ocsf, null), ("protocol", Sysmon, null));
        t[(int)FlowField.IcmpType] = Make(FlowField.IcmpType, ("icmp_type", Suricata, null), ("icmptype", Fw, "src-ip"));
        t[(int)FlowField.IcmpCode] = Make(FlowField.IcmpCode, ("icmp_code", Suricata, null), ("icmpcode", Fw, "src-ip"));

        // Orientation evidence. Cumulative flag fields (nfdump flg, Suricata tcp.tcp_flags, OCSF tcp_flags) are
        // deliberately absent: both directions of a full connection accumulate SYN and ACK, so they cannot say who
        // sent the first packet.
        t[(int)FlowField.TcpFlags] = Make(FlowField.TcpFlags, ("tcp_flag", Cim, null), ("tcpflags", Fw, "src-ip"));
        t[(int)FlowField.ZeekHistory] = Make(FlowField.ZeekHistory, ("history", Zeek, null), ("connection_info.flag_history", Ocsf, null));
        t[(int)FlowField.ConnState] = Make(FlowField.ConnState, ("conn_state", Zeek, null));
        t[(int)FlowField.Initiator] = Make(FlowField.Initiator, ("initiator", Generic, null));
        t[(int)FlowField.OcsfInitiatorId] = Make(FlowField.OcsfInitiatorId,
            ("connection_info.initiator_id", Ocsf, null), ("initiator_id", Ocsf, "src_endpoint.ip"));
        t[(int)FlowField.OcsfSrcDstAssignmentKnown] = Make(FlowField.OcsfSrcDstAssignmentKnown,
            ("connection_info.is_src_dst_assignment_known", Ocsf, null), ("is_src_dst_assignment_known", Ocsf, "src_endpoint.ip"));
        t[(int)FlowField.SysmonInitiated] = Make(FlowField.SysmonInitiated, ("Initiated", Sysmon, "SourceIp"));
        t[(int)FlowField.FirewallPath] = Make(FlowField.FirewallPath, ("path", Fw, "src-ip"));
        t[(int)FlowField.SocketState] = Make(FlowField.SocketState, ("State", NetTcp, "LocalAddress"));
        t[(int)FlowField.EventType] = Make(FlowField.EventType, ("event_type", Suricata, "src_ip"));

        // Volume. CIM bytes_out/packets_out are what the source sent (device view, as most add-ons map them).
        t[(int)FlowField.SourceBytes] = Make(FlowField.SourceBytes,
            ("bytes_out", Cim, null), ("source.bytes", Ecs, null), ("orig_bytes", Zeek, null),
            ("flow.bytes_toserver", Suricata, null), ("netflow.bytes", Suricata, null), ("traffic.bytes_out", Ocsf, null));
        t[(int)FlowField.DestinationBytes] = Make(FlowField.DestinationBytes,
            ("bytes_in", Cim, null), ("destination.bytes", Ecs, null), ("resp_bytes", Zeek, null),
            ("flow.bytes_toclient", Suricata, null), ("traffic.bytes_in", Ocsf, null));
        t[(int)FlowField.SourcePackets] = Make(FlowField.SourcePackets,
            ("packets_out", Cim, null), ("source.packets", Ecs, null), ("orig_pkts", Zeek, null),
            ("flow.pkts_toserver", Suricata, null), ("netflow.pkts", Suricata, null), ("traffic.packets_out", Ocsf, null));
        t[(int)FlowField.DestinationPackets] = Make(FlowField.DestinationPackets,
            ("packets_in", Cim, null), ("destination.packets", Ecs, null), ("resp_pkts", Zeek, null),
            ("flow.pkts_toclient", Suricata, null), ("traffic.packets_in", Ocsf, null));

        for (int i = 0; i < t.Length; i++)
        {
            if (t[i] is null)
            {
                throw new InvalidOperationException("No aliases for " + (FlowField)i);
            }
        }

        return t;
    }

    private static FieldAlias[] Make(FlowField field, params (string Name, FieldSchema Schema, string? Requires)[] aliases)
    {
        var result = new FieldAlias[aliases.Length];
        for (int i = 0; i < aliases.Length; i++)
        {
            result[i] = new FieldAlias(field, aliases[i].Name, aliases[i].Schema, aliases[i].Requires);
        }

        return result;
    }
}
