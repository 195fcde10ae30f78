using FlowRole.Flows;

namespace FlowRole.Identity;

/// <summary>
/// Community ID's ICMP mapping (Zeek's): a message type that is half of a request/response pair maps to
/// (type, counterpart type) and orders like ports, so request and reply share an ID; any other type is one-way,
/// (type, code), and keeps its orientation.
/// </summary>
internal static class IcmpPortEquivalents
{
    /// <summary>Maps an ICMP or ICMPv6 message to port equivalents; <paramref name="oneWay"/> when it has no counterpart.</summary>
    public static void Map(Transport transport, ushort type, ushort code, out ushort sourcePort, out ushort destinationPort, out bool oneWay)
    {
        int counterpart = type > 255 ? -1 : transport == Transport.IcmpV6 ? IcmpV6Counterpart(type) : IcmpV4Counterpart(type);
        sourcePort = type;
        if (counterpart >= 0)
        {
            destinationPort = (ushort)counterpart;
            oneWay = false;
        }
        else
        {
            destinationPort = code;
            oneWay = true;
        }
    }

    private static int IcmpV4Counterpart(int type) => type switch
    {
        8 => 0, 0 => 8,       // echo request / reply
        10 => 9, 9 => 10,     // router solicitation / advertisement
        13 => 14, 14 => 13,   // timestamp / reply
        15 => 16, 16 => 15,   // information request / reply
        17 => 18, 18 => 17,   // address mask request / reply
        _ => -1,
    };

    private static int IcmpV6Counterpart(int type) => type switch
    {
        128 => 129, 129 => 128, // echo request / reply
        130 => 131, 131 => 130, // multicast listener query / report
        133 => 134, 134 => 133, // router solicitation / advertisement
        135 => 136, 136 => 135, // neighbour solicitation / advertisement
        139 => 140, 140 => 139, // node information (who-are-you) query / reply
        144 => 145, 145 => 144, // home agent address discovery request / reply
        _ => -1,
    };
}
