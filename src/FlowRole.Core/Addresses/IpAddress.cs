using System;

namespace FlowRole.Addresses;

/// <summary>
/// An IPv4 or IPv6 address as a 128-bit value type (no allocation to parse, compare or scope). IPv4 addresses are
/// held in the low 32 bits with <see cref="IsIPv4"/> set; IPv4-mapped IPv6 (::ffff:a.b.c.d) stays IPv6 but
/// <see cref="TryGetEmbeddedIPv4"/> exposes the IPv4 address for scoping.
/// </summary>
public readonly struct IpAddress : IEquatable<IpAddress>, IComparable<IpAddress>
{
    // HELPER-OWNED: Addresses helper implements parsing/formatting. Representation is fixed:
    // _hi/_lo are the address as a big-endian 128-bit integer (IPv4: _hi = 0, _lo = the 32-bit address).
    private readonly ulong _hi;
    private readonly ulong _lo;
    private readonly uint _scopeId;
    private readonly byte _family; // 0 = none (default), 4, 6

    internal IpAddress(ulong hi, ulong lo, byte family, uint scopeId = 0)
    {
        _hi = hi;
        _lo = lo;
        _family = family;
        _scopeId = scopeId;
    }

    /// <summary>True for an IPv4 address.</summary>
    public bool IsIPv4 => _family == 4;

    /// <summary>True for an IPv6 address.</summary>
    public bool IsIPv6 => _family == 6;

    /// <summary>True for <c>default(IpAddress)</c>: no address.</summary>
    public bool IsNone => _family == 0;

    /// <summary>High 64 bits (IPv6) in network order as a number.</summary>
    public ulong High => _hi;

    /// <summary>Low 64 bits in network order as a number (IPv4: the 32-bit address).</summary>
    public ulong Low => _lo;

    /// <summary>The IPv6 numeric zone (scope) id; 0 when none or named.</summary>
    public uint ScopeId => _scopeId;

    /// <summary>Creates an IPv4 address from its 32-bit value in network order as a number (1.2.3.4 = 0x01020304).</summary>
    public static IpAddress FromIPv4(uint value) => new(0, value, 4);

    /// <summary>Creates an IPv6 address from its two 64-bit halves.</summary>
    public static IpAddress FromIPv6(ulong high, ulong low, uint scopeId = 0) => new(high, low, 6, scopeId);

    /// <summary>The IPv4 address for IPv4, IPv4-mapped IPv6; false otherwise.</summary>
    public bool TryGetEmbeddedIPv4(out uint value) => throw new NotImplementedException();

    /// <summary>Parses IPv4, IPv6 (with <c>%zone</c>), and bracketed IPv6 (<c>[::1]</c>) text.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpAddress address) => throw new NotImplementedException();

    /// <summary>Parses UTF-8 text; same grammar as the char overload.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out IpAddress address) => throw new NotImplementedException();

    /// <summary>Parses, throwing <see cref="FormatException"/> naming the text on failure.</summary>
    public static IpAddress Parse(string text) => throw new NotImplementedException();

    /// <summary>Writes the canonical text (RFC 5952 for IPv6) into <paramref name="destination"/>.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten) => throw new NotImplementedException();

    /// <summary>Writes the canonical text as UTF-8.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten) => throw new NotImplementedException();

    /// <summary>Writes the address bytes in network order (4 or 16 bytes) for hashing; returns the count.</summary>
    public int WriteBytes(Span<byte> destination) => throw new NotImplementedException();

    /// <summary>The canonical text.</summary>
    public override string ToString() => throw new NotImplementedException();

    /// <inheritdoc/>
    public bool Equals(IpAddress other) => _hi == other._hi && _lo == other._lo && _family == other._family && _scopeId == other._scopeId;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IpAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_hi, _lo, _family, _scopeId);

    /// <summary>Orders IPv4 before IPv6, then numerically (the order Community ID uses for same-family pairs).</summary>
    public int CompareTo(IpAddress other)
    {
        int c = _family.CompareTo(other._family);
        if (c != 0)
        {
            return c;
        }

        c = _hi.CompareTo(other._hi);
        return c != 0 ? c : _lo.CompareTo(other._lo);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(IpAddress left, IpAddress right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IpAddress left, IpAddress right) => !left.Equals(right);

    /// <summary>Ordering.</summary>
    public static bool operator <(IpAddress left, IpAddress right) => left.CompareTo(right) < 0;

    /// <summary>Ordering.</summary>
    public static bool operator >(IpAddress left, IpAddress right) => left.CompareTo(right) > 0;

    /// <summary>Ordering.</summary>
    public static bool operator <=(IpAddress left, IpAddress right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering.</summary>
    public static bool operator >=(IpAddress left, IpAddress right) => left.CompareTo(right) >= 0;
}
