using System;

namespace FlowRole.Policy;

/// <summary>
/// The transports a rule or allow-list entry applies to. <see cref="Any"/> (no flag) means the condition is absent.
/// ICMP and ICMPv6 share a flag because their "ports" (Zeek's type and code) mean the same thing on both.
/// </summary>
[Flags]
public enum TransportFilter : byte
{
    /// <summary>No transport condition.</summary>
    Any = 0,

    /// <summary>TCP (protocol 6).</summary>
    Tcp = 1 << 0,

    /// <summary>UDP (protocol 17).</summary>
    Udp = 1 << 1,

    /// <summary>SCTP (protocol 132).</summary>
    Sctp = 1 << 2,

    /// <summary>ICMP (protocol 1) and ICMPv6 (protocol 58).</summary>
    Icmp = 1 << 3,

    /// <summary>Every other protocol number, and a transport the log did not give.</summary>
    Other = 1 << 4,
}
