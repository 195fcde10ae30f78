using FlowRole.Flows;

namespace FlowRole.Roles;

/// <summary>
/// ICMP has no ports; logs put the message type in the source "port" (Zeek, Community ID: the counterpart type or
/// the code in the destination "port"). For request/response pairs the request's sender is the client.
/// </summary>
internal static class IcmpTypes
{
    /// <summary>
    /// Decides when the two "ports" are a request type and its reply type (the Zeek and Community ID form), either way
    /// round; anything else is orientation-bound (type and code both belong to the sender) and stays undecided.
    /// </summary>
    public static RoleDecision Decide(Transport transport, ushort sourceType, ushort destinationType)
    {
        if (sourceType > 255 || destinationType > 255)
        {
            return default;
        }

        int counterpart = Counterpart(transport, (byte)sourceType, out bool isRequest);
        if (counterpart < 0 || counterpart != destinationType)
        {
            return default;
        }

        return isRequest
            ? RoleDecision.SourceClient(RoleBasis.IcmpType, 0.9f)
            : RoleDecision.DestinationClient(RoleBasis.IcmpType, 0.9f);
    }

    /// <summary>The paired type (and whether <paramref name="type"/> is the request), or -1 for one-way types.</summary>
    public static int Counterpart(Transport transport, byte type, out bool isRequest)
    {
        isRequest = false;
        if (transport == Transport.Icmp)
        {
            switch (type)
            {
                case 8: isRequest = true; return 0;
                case 0: return 8;
                case 10: isRequest = true; return 9;
                case 9: return 10;
                case 13: isRequest = true; return 14;
                case 14: return 13;
                case 15: isRequest = true; return 16;
                case 16: return 15;
                case 17: isRequest = true; return 18;
                case 18: return 17;
                default: return -1;
            }
        }

        switch (type)
        {
            case 128: isRequest = true; return 129;
            case 129: return 128;
            case 130: isRequest = true; return 131;
            case 131: return 130;
            case 133: isRequest = true; return 134;
            case 134: return 133;
            case 135: isRequest = true; return 136;
            case 136: return 135;
            case 139: isRequest = true; return 140;
            case 140: return 139;
            case 144: isRequest = true; return 145;
            case 145: return 144;
            default: return -1;
        }
    }
}
