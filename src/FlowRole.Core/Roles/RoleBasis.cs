namespace FlowRole.Roles;

/// <summary>The evidence that decided which side is the client, strongest first. Output as <c>role_basis</c>.</summary>
public enum RoleBasis : byte
{
    /// <summary>Nothing could decide (e.g. no ports and no evidence); the record's orientation was kept.</summary>
    None = 0,

    /// <summary>TCP flags of the first packet: a bare SYN comes from the client, a SYN-ACK from the server.</summary>
    TcpFlags,

    /// <summary>Zeek <c>history</c>: who sent the SYN or SYN-ACK, or an analyzer-evidence flip.</summary>
    ZeekHistory,

    /// <summary>Zeek <c>conn_state</c> values that need an originator SYN (S0, RSTOS0, SH, REJ) or a responder SYN-ACK (RSTRH, SHR).</summary>
    ZeekConnState,

    /// <summary>An explicit initiator field (Sysmon <c>Initiated</c>, firewall-log direction, a perimeter message).</summary>
    Initiator,

    /// <summary>Suricata eve.json orientation (src = to-server side by Suricata's own tracking).</summary>
    Suricata,

    /// <summary>A caller-supplied known listener (host:port/transport).</summary>
    Listener,

    /// <summary>Batch learning across the data set (fan-in, host-pair context).</summary>
    Learned,

    /// <summary>ICMP message types: the request's sender is the client.</summary>
    IcmpType,

    /// <summary>A protocol special case (active FTP data from 20, DHCP 68 to 67, same-port pairs such as NTP or IKE).</summary>
    SpecialCase,

    /// <summary>Port knowledge: one port is a known service port, the other is not (or is less so).</summary>
    ServicePort,

    /// <summary>Port knowledge: one port lies in common OS ephemeral ranges, the other does not.</summary>
    EphemeralPort,

    /// <summary>The lower port is taken as the server (the last resort of every tool).</summary>
    LowerPort,

    /// <summary>Same port both sides with no other evidence: address hints break the tie deterministically.</summary>
    AddressHint,
}
