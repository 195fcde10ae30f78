using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace FlowRole.Addresses;

/// <summary>
/// The special-purpose address tables, written out as code and flattened once into sorted boundaries: a lookup is
/// one binary search. Sources: IANA IPv4 and IPv6 Special-Purpose Address Registries (snapshot 2026-07-18; RFC 6890
/// as updated by RFC 8190), the IPv4 and IPv6 multicast spaces (RFC 5771, RFC 4291 2.7), and the IPv6 Address Space
/// registry's "Reserved by IETF" blocks (unallocated, so never legitimately seen on the Internet).
/// </summary>
internal static class ScopeTable
{
    /// <summary>Marker: take the scope of the IPv4 address in the low 32 bits (::ffff:0:0/96, 64:ff9b::/96).</summary>
    public const byte EmbeddedLow32 = 0xF0;

    /// <summary>Marker: take the scope of the IPv4 address in bits 16-47 (6to4, 2002::/16, RFC 3056).</summary>
    public const byte Embedded6To4 = 0xF1;

    private const AddressScope Global = AddressScope.Global;
    private const AddressScope Private = AddressScope.Private;
    private const AddressScope Reserved = AddressScope.Reserved;
    private const AddressScope Documentation = AddressScope.Documentation;

    // Most specific entry wins. Where the registry says "Globally Reachable: True" inside a reserved block the entry
    // is Global. The comments give the registry name and RFC.
    private static readonly (string Cidr, byte Scope)[] IPv4Entries =
    {
        ("0.0.0.0/8", (byte)AddressScope.Unspecified),   // "This network", RFC 791 3.2
        ("0.0.0.0/32", (byte)AddressScope.Unspecified),  // "This host on this network", RFC 1122 3.2.1.3
        ("10.0.0.0/8", (byte)Private),                   // Private-Use, RFC 1918
        ("100.64.0.0/10", (byte)AddressScope.SharedCgnat), // Shared Address Space, RFC 6598
        ("127.0.0.0/8", (byte)AddressScope.Loopback),    // Loopback, RFC 1122 3.2.1.3
        ("169.254.0.0/16", (byte)AddressScope.LinkLocal), // Link Local, RFC 3927
        ("172.16.0.0/12", (byte)Private),                // Private-Use, RFC 1918
        ("192.0.0.0/24", (byte)Reserved),                // IETF Protocol Assignments, RFC 6890 2.1
        ("192.0.0.0/29", (byte)Reserved),                // IPv4 Service Continuity Prefix (DS-Lite), RFC 7335
        ("192.0.0.8/32", (byte)Reserved),                // IPv4 dummy address, RFC 7600
        ("192.0.0.9/32", (byte)Global),                  // Port Control Protocol Anycast, RFC 7723 (globally reachable)
        ("192.0.0.10/32", (byte)Global),                 // TURN Anycast, RFC 8155 (globally reachable)
        ("192.0.0.170/32", (byte)Reserved),              // NAT64/DNS64 Discovery, RFC 8880/7050
        ("192.0.0.171/32", (byte)Reserved),              // NAT64/DNS64 Discovery, RFC 8880/7050
        ("192.0.2.0/24", (byte)Documentation),           // TEST-NET-1, RFC 5737
        ("192.31.196.0/24", (byte)Global),               // AS112-v4, RFC 7535 (globally reachable)
        ("192.52.193.0/24", (byte)Global),               // AMT, RFC 7450 (globally reachable)
        ("192.88.99.0/24", (byte)Reserved),              // Deprecated 6to4 Relay Anycast, RFC 7526
        ("192.88.99.2/32", (byte)Reserved),              // 6a44-relay anycast, RFC 6751 (not globally reachable)
        ("192.168.0.0/16", (byte)Private),               // Private-Use, RFC 1918
        ("192.175.48.0/24", (byte)Global),               // Direct Delegation AS112 Service, RFC 7534 (globally reachable)
        ("198.18.0.0/15", (byte)Reserved),               // Benchmarking, RFC 2544
        ("198.51.100.0/24", (byte)Documentation),        // TEST-NET-2, RFC 5737
        ("203.0.113.0/24", (byte)Documentation),         // TEST-NET-3, RFC 5737
        ("224.0.0.0/4", (byte)AddressScope.Multicast),   // IPv4 multicast, RFC 5771
        ("240.0.0.0/4", (byte)Reserved),                 // Reserved (former class E), RFC 1112 4
        ("255.255.255.255/32", (byte)AddressScope.Broadcast), // Limited Broadcast, RFC 919 7 / RFC 8190
    };

    private static readonly (string Cidr, byte Scope)[] IPv6Entries =
    {
        // IPv6 Address Space registry: blocks reserved by the IETF (not allocated for global unicast).
        ("::/8", (byte)Reserved),
        ("100::/8", (byte)Reserved),
        ("200::/7", (byte)Reserved),
        ("400::/6", (byte)Reserved),
        ("800::/5", (byte)Reserved),
        ("1000::/4", (byte)Reserved),
        ("4000::/3", (byte)Reserved),
        ("6000::/3", (byte)Reserved),
        ("8000::/3", (byte)Reserved),
        ("a000::/3", (byte)Reserved),
        ("c000::/3", (byte)Reserved),
        ("e000::/4", (byte)Reserved),
        ("f000::/5", (byte)Reserved),
        ("f800::/6", (byte)Reserved),
        ("fe00::/9", (byte)Reserved),

        // IPv6 Special-Purpose Address Registry.
        ("::/128", (byte)AddressScope.Unspecified),      // Unspecified Address, RFC 4291
        ("::1/128", (byte)AddressScope.Loopback),        // Loopback Address, RFC 4291
        ("::ffff:0:0/96", EmbeddedLow32),                // IPv4-mapped Address, RFC 4291: scoped as its IPv4 address
        ("64:ff9b::/96", EmbeddedLow32),                 // NAT64 well-known prefix, RFC 6052: the peer is the embedded IPv4 host
        ("64:ff9b:1::/48", (byte)Reserved),              // NAT64 local-use prefix, RFC 8215 (not globally reachable)
        ("100::/64", (byte)Reserved),                    // Discard-Only Address Block, RFC 6666
        ("100:0:0:1::/64", (byte)Reserved),              // Dummy IPv6 Prefix, RFC 9780
        ("2001::/23", (byte)Reserved),                   // IETF Protocol Assignments, RFC 2928
        ("2001::/32", (byte)Global),                     // Teredo, RFC 4380: a globally reachable tunnel address
        ("2001:1::1/128", (byte)Global),                 // Port Control Protocol Anycast, RFC 7723
        ("2001:1::2/128", (byte)Global),                 // TURN Anycast, RFC 8155
        ("2001:1::3/128", (byte)Global),                 // DNS-SD Service Registration Protocol Anycast, RFC 9665
        ("2001:2::/48", (byte)Reserved),                 // Benchmarking, RFC 5180
        ("2001:3::/32", (byte)Global),                   // AMT, RFC 7450
        ("2001:4:112::/48", (byte)Global),               // AS112-v6, RFC 7535
        ("2001:10::/28", (byte)Reserved),                // Deprecated (previously ORCHID), RFC 4843
        ("2001:20::/28", (byte)Global),                  // ORCHIDv2, RFC 7343 (registry: globally reachable)
        ("2001:30::/28", (byte)Global),                  // Drone Remote ID DETs, RFC 9374 (registry: globally reachable)
        ("2001:db8::/32", (byte)Documentation),          // Documentation, RFC 3849
        ("2002::/16", Embedded6To4),                     // 6to4, RFC 3056: scoped as the embedded IPv4 site address
        ("2620:4f:8000::/48", (byte)Global),             // Direct Delegation AS112 Service, RFC 7534
        ("3fff::/20", (byte)Documentation),              // Documentation, RFC 9637
        ("5f00::/16", (byte)Reserved),                   // SRv6 SIDs, RFC 9602 (not globally reachable)
        ("fc00::/7", (byte)AddressScope.UniqueLocal),    // Unique-Local, RFC 4193
        ("fe80::/10", (byte)AddressScope.LinkLocal),     // Link-Local Unicast, RFC 4291
        ("fec0::/10", (byte)AddressScope.UniqueLocal),   // Site-local, deprecated by RFC 3879: still a private site address
        ("ff00::/8", (byte)AddressScope.Multicast),      // IPv6 multicast, RFC 4291 2.7
    };

    private static readonly Table IPv4 = Table.Build(IPv4Entries);
    private static readonly Table IPv6 = Table.Build(IPv6Entries);

    // Most /8s have one scope throughout: a 256-entry table answers them without a search (0xFF = look further).
    // The few mixed /8s (0, 100, 169, 172, 192, 198, 203, 255...) get a row of 256 /16s each, so that busy space
    // such as 192.168/16 is answered by a second read; only the rare mixed /16s (192.0/16 and the like) search.
    private const byte MixedOctet = 0xFF;
    private static readonly byte[] IPv4ByFirstOctet = BuildFirstOctetTable();
    private static readonly byte[] IPv4BySixteen = BuildSixteenTable(IPv4ByFirstOctet);

    // The same two levels shaped for a read without a branch: per /8, its scope (or the marker) in the low byte and,
    // for a mixed /8, the number of its row in a compact /16 table in the high byte (row 0, for uniform /8s, is
    // filler that is read and ignored). A classifier's addresses are then two reads whatever their /8.
    private static readonly ushort[] IPv4OctetRows = BuildOctetRows(IPv4ByFirstOctet, out IPv4CompactSixteen);
    private static readonly byte[] IPv4CompactSixteen;

    /// <summary>The raw IPv4 entry value (a scope) for a 32-bit address.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AddressScope LookupIPv4(uint value)
    {
        byte quick = IPv4ByFirstOctet[value >> 24];
        return quick != MixedOctet ? (AddressScope)quick : LookupMixedIPv4(value);
    }

    /// <summary>The first-octet table: a scope, or <see cref="MixedOctetMarker"/> for /8s that need <see cref="LookupMixedIPv4"/>.</summary>
    /// <remarks>Hot paths hold this array in a field: under NativeAOT, reaching a static of a class with a static
    /// constructor costs a helper call per access.</remarks>
    internal static byte[] FirstOctetTable => IPv4ByFirstOctet;

    /// <summary>The first-octet table's marker for a /8 whose scope varies.</summary>
    internal const byte MixedOctetMarker = MixedOctet;

    /// <summary>Per /8: scope or <see cref="MixedOctetMarker"/> (low byte), and the /8's row in <see cref="CompactSixteenTable"/> (high byte).</summary>
    internal static ushort[] OctetRowTable => IPv4OctetRows;

    /// <summary>The /16 scopes of the mixed /8s, 256 per row, indexed <c>(row &lt;&lt; 8) | second octet</c>; row 0 is filler.</summary>
    internal static byte[] CompactSixteenTable => IPv4CompactSixteen;

    /// <summary>The scope of an address in a /16 whose scope varies (the search).</summary>
    internal static AddressScope LookupMixedSixteenIPv4(uint value) => (AddressScope)IPv4.Lookup(new U128(0, value));

    /// <summary>The scope of an address in a /8 whose scope varies.</summary>
    internal static AddressScope LookupMixedIPv4(uint value)
    {
        byte quick = IPv4BySixteen[value >> 16];
        return quick != MixedOctet ? (AddressScope)quick : (AddressScope)IPv4.Lookup(new U128(0, value));
    }

    private static byte[] BuildFirstOctetTable()
    {
        var table = new byte[256];
        for (uint octet = 0; octet < 256; octet++)
        {
            uint first = octet << 24, last = first | 0xFFFFFF;
            table[octet] = IPv4.IsUniform(new U128(0, first), new U128(0, last), out byte value) ? value : MixedOctet;
        }

        return table;
    }

    private static byte[] BuildSixteenTable(byte[] firstOctet)
    {
        // Only the rows of mixed /8s are filled (the others are never read), which keeps start-up cheap.
        var table = new byte[65536];
        for (uint octet = 0; octet < 256; octet++)
        {
            if (firstOctet[octet] != MixedOctet)
            {
                continue;
            }

            for (uint second = 0; second < 256; second++)
            {
                uint first = (octet << 24) | (second << 16), last = first | 0xFFFF;
                table[(octet << 8) | second] = IPv4.IsUniform(new U128(0, first), new U128(0, last), out byte value) ? value : MixedOctet;
            }
        }

        return table;
    }

    private static ushort[] BuildOctetRows(byte[] firstOctet, out byte[] compact)
    {
        var rows = new ushort[256];
        var data = new List<byte>(new byte[256]);
        for (int octet = 0; octet < 256; octet++)
        {
            if (firstOctet[octet] != MixedOctet)
            {
                rows[octet] = firstOctet[octet];
                continue;
            }

            int row = data.Count >> 8;
            rows[octet] = (ushort)((row << 8) | MixedOctet);
            for (int second = 0; second < 256; second++)
            {
                data.Add(IPv4BySixteen[(octet << 8) | second]);
            }
        }

        compact = data.ToArray();
        return rows;
    }

    /// <summary>The raw IPv6 entry value: a scope or one of the embedded-IPv4 markers.</summary>
    public static byte LookupIPv6(ulong hi, ulong lo) => IPv6.Lookup(new U128(hi, lo));

    /// <summary>Sorted boundaries: each starts a run of addresses sharing one value, up to the next boundary.</summary>
    private sealed class Table
    {
        private readonly U128[] _boundaries;
        private readonly byte[] _values;

        private Table(U128[] boundaries, byte[] values)
        {
            _boundaries = boundaries;
            _values = values;
        }

        public static Table Build((string Cidr, byte Scope)[] entries)
        {
            // Ranges in the family's own key space (IPv4: the 32-bit value in the low half).
            var ranges = new (U128 Start, U128 End, int Length, byte Scope)[entries.Length];
            for (int i = 0; i < entries.Length; i++)
            {
                IpNetwork network = IpNetwork.Parse(entries[i].Cidr);
                IpAddress first = network.BaseAddress, last = network.LastAddress;
                ranges[i] = (new U128(first.High, first.Low), new U128(last.High, last.Low), network.PrefixLength, entries[i].Scope);
            }

            // Every range start and every address just past a range end begins a run; the run takes the value of the
            // most specific range holding its first address (or Global when none does).
            var points = new List<U128> { default };
            foreach (var r in ranges)
            {
                points.Add(r.Start);
                // (For IPv4 the point past 255.255.255.255 is 2^32, beyond every IPv4 key: harmless.)
                if (!r.End.IsMax)
                {
                    points.Add(r.End.Increment());
                }
            }

            points.Sort(U128.Compare);
            var boundaries = new List<U128>();
            var values = new List<byte>();
            foreach (U128 point in points)
            {
                if (boundaries.Count > 0 && U128.AreEqual(boundaries[boundaries.Count - 1], point))
                {
                    continue;
                }

                byte value = (byte)Global;
                int bestLength = -1;
                foreach (var r in ranges)
                {
                    if (r.Length > bestLength && U128.LessOrEqual(r.Start, point) && U128.LessOrEqual(point, r.End))
                    {
                        bestLength = r.Length;
                        value = r.Scope;
                    }
                }

                if (values.Count > 0 && values[values.Count - 1] == value)
                {
                    continue;
                }

                boundaries.Add(point);
                values.Add(value);
            }

            return new Table(boundaries.ToArray(), values.ToArray());
        }

        /// <summary>True when every address from <paramref name="first"/> to <paramref name="last"/> has one value.</summary>
        public bool IsUniform(U128 first, U128 last, out byte value)
        {
            value = Lookup(first);
            foreach (U128 boundary in _boundaries)
            {
                if (U128.LessOrEqual(boundary, first))
                {
                    continue;
                }

                if (U128.LessOrEqual(boundary, last))
                {
                    return false;
                }
            }

            return true;
        }

        public byte Lookup(U128 key)
        {
            int lo = 0, hi = _boundaries.Length - 1, found = 0;
            while (lo <= hi)
            {
                int mid = lo + ((hi - lo) >> 1);
                if (U128.LessOrEqual(_boundaries[mid], key))
                {
                    found = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return _values[found];
        }
    }
}
