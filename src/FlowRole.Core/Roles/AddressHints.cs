using FlowRole.Addresses;

namespace FlowRole.Roles;

/// <summary>
/// The last tie-break when ports cannot decide (same port both sides, e.g. NTP 123-123 or NetBIOS 137-137): facts
/// about the two addresses, each weak, tried in order. Symmetric by construction: swapping the sides swaps the answer.
/// </summary>
internal static class AddressHints
{
    /// <summary>Decides which of two addresses is the server, or returns an undecided result when they are equal.</summary>
    public static RoleDecision Decide(IpAddress source, AddressScope sourceScope, bool? sourceInternal,
        IpAddress destination, AddressScope destinationScope, bool? destinationInternal)
    {
        // A multicast or broadcast group only ever receives: it is the responder side.
        bool sourceGroup = sourceScope is AddressScope.Multicast or AddressScope.Broadcast;
        bool destinationGroup = destinationScope is AddressScope.Multicast or AddressScope.Broadcast;
        if (sourceGroup != destinationGroup)
        {
            return RoleDecision.ServerIs(sourceGroup, RoleBasis.AddressHint, 0.8f);
        }

        // 0.0.0.0 / :: only appears as the source of a host that has no address yet (DHCP, DAD): a client.
        bool sourceUnspecified = sourceScope == AddressScope.Unspecified;
        bool destinationUnspecified = destinationScope == AddressScope.Unspecified;
        if (sourceUnspecified != destinationUnspecified)
        {
            return RoleDecision.ServerIs(destinationUnspecified, RoleBasis.AddressHint, 0.8f);
        }

        // Same-port services (NTP, IKE, DNS between servers) are mostly used outbound: the inside host asks.
        if (sourceInternal.HasValue && destinationInternal.HasValue && sourceInternal.Value != destinationInternal.Value)
        {
            return RoleDecision.ServerIs(!sourceInternal.Value, RoleBasis.AddressHint, 0.6f);
        }

        // SLAAC EUI-64 interface ids (..ff:fe..) belong to end hosts; servers get static, usually short, ids.
        bool sourceEui = IsEui64(source);
        bool destinationEui = IsEui64(destination);
        if (sourceEui != destinationEui)
        {
            return RoleDecision.ServerIs(destinationEui, RoleBasis.AddressHint, 0.55f);
        }

        // Infrastructure takes the low host numbers (.1 gateways, ::1 routers): the lower host part serves.
        ulong sourceHost = HostPart(source);
        ulong destinationHost = HostPart(destination);
        if (sourceHost != destinationHost)
        {
            return RoleDecision.ServerIs(sourceHost < destinationHost, RoleBasis.AddressHint, 0.52f);
        }

        int order = source.CompareTo(destination);
        return order == 0
            ? default
            : RoleDecision.ServerIs(order < 0, RoleBasis.AddressHint, 0.5f);
    }

    private static bool IsEui64(IpAddress address) =>
        address.IsIPv6 && ((address.Low >> 24) & 0xFFFF) == 0xFFFE;

    private static ulong HostPart(IpAddress address) =>
        address.IsIPv4 ? address.Low & 0xFF : address.Low & 0xFFFF;
}
