using System.Runtime.CompilerServices;

namespace FlowRole.Addresses;

/// <summary>Scopes addresses from the IANA special-purpose registries and derives ECS direction.</summary>
/// <remarks>
/// Decisions beyond the registries' own words: IPv4-mapped (<c>::ffff:0:0/96</c>), NAT64 well-known
/// (<c>64:ff9b::/96</c>, whose peer really is the embedded IPv4 host) and 6to4 (<c>2002::/16</c>, whose site sits
/// behind the embedded IPv4 address) addresses take the scope of the IPv4 address they embed; Teredo
/// (<c>2001::/32</c>, reachability "N/A") is global; a block the registry marks globally reachable inside a
/// reserved block (PCP and TURN anycast, AS112, AMT, ORCHIDv2, drone DETs) is global; deprecated site-local
/// <c>fec0::/10</c> counts as unique-local; IPv6 space the IETF has not allocated (outside 2000::/3 and the
/// special blocks) is reserved. Everything else is global.
/// </remarks>
public static class AddressScopes
{
    /// <summary>The scope of an address (IPv4-mapped IPv6 is scoped as its IPv4 address). Allocation-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AddressScope Classify(IpAddress address) =>
        address.IsIPv4 ? ScopeTable.LookupIPv4((uint)address.Low) : ClassifyOther(address);

    // IPv6 and no address, out of line so the IPv4 case inlines.
    private static AddressScope ClassifyOther(IpAddress address)
    {
        if (!address.IsIPv6)
        {
            return AddressScope.Unknown;
        }

        byte value = ScopeTable.LookupIPv6(address.High, address.Low);
        return value switch
        {
            ScopeTable.EmbeddedLow32 => ScopeTable.LookupIPv4((uint)address.Low),
            ScopeTable.Embedded6To4 => ScopeTable.LookupIPv4((uint)(address.High >> 16)),
            _ => (AddressScope)value,
        };
    }

    /// <summary>
    /// True for scopes FlowRole treats as inside the organisation when no internal networks are configured:
    /// private, shared (CGNAT), unique-local, loopback, link-local.
    /// </summary>
    public static bool IsInternalByDefault(AddressScope scope) => scope is AddressScope.Private or AddressScope.SharedCgnat
        or AddressScope.UniqueLocal or AddressScope.Loopback or AddressScope.LinkLocal;

    /// <summary>
    /// Whether an address is internal: in <paramref name="internalNetworks"/> when that set is non-empty (plus the
    /// loopback and link-local scopes, which never leave a host or link), else by <see cref="IsInternalByDefault"/>.
    /// Returns null when the scope cannot say (multicast, broadcast, unspecified, unknown).
    /// </summary>
    /// <remarks>A null <paramref name="internalNetworks"/> counts as empty. Documentation and reserved space is external.</remarks>
    public static bool? IsInternal(IpAddress address, AddressScope scope, NetworkSet internalNetworks)
    {
        if (address.IsNone || scope is AddressScope.Unknown or AddressScope.Multicast or AddressScope.Broadcast or AddressScope.Unspecified)
        {
            return null;
        }

        if (internalNetworks is null || internalNetworks.IsEmpty)
        {
            return IsInternalByDefault(scope);
        }

        return scope is AddressScope.Loopback or AddressScope.LinkLocal || internalNetworks.Contains(address);
    }

    /// <summary>ECS direction of a client-to-server flow from each side's internal-ness (null = undecidable).</summary>
    public static Direction DirectionOf(bool? clientInternal, bool? serverInternal)
    {
        if (clientInternal is not bool client || serverInternal is not bool server)
        {
            return Direction.Unknown;
        }

        return (client, server) switch
        {
            (true, true) => Direction.Internal,
            (true, false) => Direction.Outbound,
            (false, true) => Direction.Inbound,
            _ => Direction.External,
        };
    }
}
