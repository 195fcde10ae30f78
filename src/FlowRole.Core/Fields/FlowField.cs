namespace FlowRole.Fields;

/// <summary>
/// A piece of flow information FlowRole reads from input columns. Each field has aliases in the log schemas it knows
/// (see <see cref="FieldAliases"/>); the summaries here are also the CLI's help text for them.
/// </summary>
public enum FlowField : byte
{
    /// <summary>Address of the record's source side (the sender of the first packet, or the local host).</summary>
    SourceAddress,

    /// <summary>Port of the record's source side.</summary>
    SourcePort,

    /// <summary>Address of the record's destination side.</summary>
    DestinationAddress,

    /// <summary>Port of the record's destination side.</summary>
    DestinationPort,

    /// <summary>Address of the side the log names as the client (initiator), such as ECS client.ip.</summary>
    ClientAddress,

    /// <summary>Port of the side the log names as the client (initiator).</summary>
    ClientPort,

    /// <summary>Address of the side the log names as the server (responder), such as ECS server.ip.</summary>
    ServerAddress,

    /// <summary>Port of the side the log names as the server (responder).</summary>
    ServerPort,

    /// <summary>Transport protocol: a name such as tcp, udp, icmp, ipv6-icmp or sctp, or an IANA protocol number.</summary>
    Transport,

    /// <summary>ICMP type (Zeek puts it in the originator port; other logs have their own column).</summary>
    IcmpType,

    /// <summary>ICMP code (Zeek puts it in the responder port).</summary>
    IcmpCode,

    /// <summary>TCP flags of the logged packet: letters (S, SA), names (SYN,ACK), a number (0x12, 18) or tcpdump style ([S.]).</summary>
    TcpFlags,

    /// <summary>Zeek conn.log history letters (ShADadFf...).</summary>
    ZeekHistory,

    /// <summary>Zeek conn.log connection state (S0, SF, REJ, ...).</summary>
    ConnState,

    /// <summary>An explicit statement of which side initiated: source or destination.</summary>
    Initiator,

    /// <summary>OCSF initiator_id: 1 the source endpoint initiated, 2 the destination endpoint did, 0 or 99 unknown.</summary>
    OcsfInitiatorId,

    /// <summary>OCSF is_src_dst_assignment_known: true when src/dst really are initiator/responder.</summary>
    OcsfSrcDstAssignmentKnown,

    /// <summary>Sysmon event 3 Initiated: true when the local process (the source side) opened the connection.</summary>
    SysmonInitiated,

    /// <summary>Windows Firewall log path (SEND, RECEIVE): the logged packet opened the connection from the source side.</summary>
    FirewallPath,

    /// <summary>Get-NetTCPConnection State: SynSent means the local (source) side is connecting, SynReceived the remote side.</summary>
    SocketState,

    /// <summary>Suricata eve.json event_type: only flow and netflow events describe flows.</summary>
    EventType,

    /// <summary>Bytes sent by the source side.</summary>
    SourceBytes,

    /// <summary>Bytes sent by the destination side.</summary>
    DestinationBytes,

    /// <summary>Packets sent by the source side.</summary>
    SourcePackets,

    /// <summary>Packets sent by the destination side.</summary>
    DestinationPackets,
}
