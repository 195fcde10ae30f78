using System;

namespace FlowRole.Addresses;

/// <summary>Scopes addresses from the IANA special-purpose registries and derives ECS direction.</summary>
public static class AddressScopes
{
    // HELPER-OWNED: Addresses helper implements.

    /// <summary>The scope of an address (IPv4-mapped IPv6 is scoped as its IPv4 address). Allocation-free.</summary>
    public static AddressScope Classify(IpAddress address) => throw new NotImplementedException();

    /// <summary>
    /// True for scopes FlowRole treats as inside the organisation when no internal networks are configured:
    /// private, shared (CGNAT), unique-local, loopback, link-local.
    /// </summary>
    public static bool IsInternalByDefault(AddressScope scope) => throw new NotImplementedException();

    /// <summary>
    /// Whether an address is internal: in <paramref name="internalNetworks"/> when that set is non-empty (plus the
    /// loopback and link-local scopes, which never leave a host or link), else by <see cref="IsInternalByDefault"/>.
    /// Returns null when the scope cannot say (multicast, broadcast, unspecified, unknown).
    /// </summary>
    public static bool? IsInternal(IpAddress address, AddressScope scope, NetworkSet internalNetworks) => throw new NotImplementedException();

    /// <summary>ECS direction of a client-to-server flow from each side's internal-ness (null = undecidable).</summary>
    public static Direction DirectionOf(bool? clientInternal, bool? serverInternal) => throw new NotImplementedException();
}
