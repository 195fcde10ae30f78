namespace FlowRole.Flows;

/// <summary>
/// A flow's transport, valued as its IANA protocol number so Community ID and policy tables can use it directly.
/// Any protocol number may be held; the named members are the ones FlowRole reasons about.
/// </summary>
public enum Transport : byte
{
    /// <summary>ICMP for IPv4 (protocol 1).</summary>
    Icmp = 1,

    /// <summary>TCP (protocol 6).</summary>
    Tcp = 6,

    /// <summary>UDP (protocol 17).</summary>
    Udp = 17,

    /// <summary>ICMP for IPv6 (protocol 58).</summary>
    IcmpV6 = 58,

    /// <summary>SCTP (protocol 132).</summary>
    Sctp = 132,

    /// <summary>Not given or not recognised. 255 is IANA's reserved value, so no real protocol collides with it.</summary>
    Unknown = 255,
}
