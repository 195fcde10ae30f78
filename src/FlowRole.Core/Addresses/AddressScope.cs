namespace FlowRole.Addresses;

/// <summary>What an address is, from the IANA IPv4/IPv6 special-purpose address registries.</summary>
public enum AddressScope : byte
{
    /// <summary>Not known (no address).</summary>
    Unknown = 0,

    /// <summary>Globally routable.</summary>
    Global,

    /// <summary>RFC 1918 private IPv4 (10/8, 172.16/12, 192.168/16).</summary>
    Private,

    /// <summary>RFC 6598 shared address space (carrier-grade NAT, 100.64/10).</summary>
    SharedCgnat,

    /// <summary>IPv6 unique-local (fc00::/7), and the deprecated site-local fec0::/10 it replaced.</summary>
    UniqueLocal,

    /// <summary>Loopback (127/8, ::1).</summary>
    Loopback,

    /// <summary>Link-local (169.254/16, fe80::/10).</summary>
    LinkLocal,

    /// <summary>Multicast (224/4, ff00::/8).</summary>
    Multicast,

    /// <summary>Limited broadcast (255.255.255.255).</summary>
    Broadcast,

    /// <summary>Documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20).</summary>
    Documentation,

    /// <summary>The unspecified address (0.0.0.0, ::) or "this network" (0/8).</summary>
    Unspecified,

    /// <summary>
    /// Reserved or special-purpose space not routable on the Internet (240/4, benchmarking, protocol assignments, the
    /// deprecated 6to4 relay anycast, discard-only 100::/64, SRv6 SIDs, IPv6 space not yet allocated by the IETF...).
    /// </summary>
    Reserved,
}
