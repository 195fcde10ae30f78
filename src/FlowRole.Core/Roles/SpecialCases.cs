using FlowRole.Flows;

namespace FlowRole.Roles;

/// <summary>Protocols whose port use breaks the "service port = server" rule, decided before general port knowledge.</summary>
internal static class SpecialCases
{
    /// <summary>Decides a special case, or returns false.</summary>
    public static bool TryDecide(Transport transport, ushort sourcePort, ushort destinationPort, out RoleDecision decision)
    {
        if (transport == Transport.Tcp)
        {
            // Active FTP: the server opens the data connection from port 20 to the client's announced port.
            if (sourcePort == 20 && destinationPort >= 1024)
            {
                decision = RoleDecision.SourceClient(RoleBasis.SpecialCase, 0.85f);
                return true;
            }

            if (destinationPort == 20 && sourcePort >= 1024)
            {
                decision = RoleDecision.DestinationClient(RoleBasis.SpecialCase, 0.85f);
                return true;
            }
        }
        else if (transport == Transport.Udp)
        {
            // DHCP and DHCPv6 clients have fixed ports of their own (68, 546): both ends are "service ports".
            if (IsPair(sourcePort, destinationPort, 68, 67, out bool sourceIsClient)
                || IsPair(sourcePort, destinationPort, 546, 547, out sourceIsClient))
            {
                decision = new RoleDecision(sourceIsClient, RoleBasis.SpecialCase, 0.95f);
                return true;
            }
        }

        decision = default;
        return false;
    }

    /// <summary>
    /// True for a port on which <see cref="TryDecide"/> may decide (TCP 20, UDP 67/68/546/547): a flow with neither
    /// port flagged never is a special case, so the classifier's table-driven path may skip the check.
    /// </summary>
    public static bool IsSpecialPort(Transport transport, ushort port) => transport switch
    {
        Transport.Tcp => port == 20,
        Transport.Udp => port is 67 or 68 or 546 or 547,
        _ => false,
    };

    /// <summary>
    /// True for same-port pairs of services that really talk port-to-port (NTP symmetric mode, IKE, NetBIOS, DNS
    /// between servers, RIP, syslog relays, mDNS): ports cannot decide these, address hints and learning must.
    /// </summary>
    public static bool IsSymmetricService(Transport transport, ushort port) => transport == Transport.Udp && port is
        53 or 67 or 123 or 137 or 138 or 161 or 500 or 514 or 520 or 1900 or 4500 or 5353 or 5355;

    private static bool IsPair(ushort source, ushort destination, ushort client, ushort server, out bool sourceIsClient)
    {
        sourceIsClient = source == client && destination == server;
        return sourceIsClient || (source == server && destination == client);
    }
}
