using System;
using System.Buffers.Binary;

namespace FlowRole.Addresses;

/// <summary>
/// An IPv4 or IPv6 address as a 128-bit value type (no allocation to parse, compare or scope). IPv4 addresses are
/// held in the low 32 bits with <see cref="IsIPv4"/> set; IPv4-mapped IPv6 (::ffff:a.b.c.d) stays IPv6 but
/// <see cref="TryGetEmbeddedIPv4"/> exposes the IPv4 address for scoping.
/// </summary>
/// <remarks>
/// Text grammar (both <see cref="TryParse(ReadOnlySpan{char}, out IpAddress)"/> overloads): IPv4 is exactly four
/// decimal parts of 1-3 digits, 0-255; leading zeros are decimal (<c>010.1.1.1</c> is 10.1.1.1), and the
/// inet_aton shorthands (<c>10.1</c>, <c>0x0a.0.0.1</c>, a bare 32-bit number) are rejected. IPv6 is every RFC 4291
/// form (<c>::</c>, a dotted IPv4 tail), optionally with <c>%zone</c> (a number is kept as <see cref="ScopeId"/>, an
/// interface name such as <c>eth0</c> is accepted and dropped) and optionally in brackets (<c>[fe80::1%eth0]</c>).
/// Whitespace is never skipped: trim fields first. Formatting is canonical: dotted quad, RFC 5952 for IPv6
/// (lower case, longest zero run as <c>::</c>, <c>::ffff:a.b.c.d</c> for IPv4-mapped), then <c>%scope</c> when set.
/// </remarks>
public readonly struct IpAddress : IEquatable<IpAddress>, IComparable<IpAddress>
{
    // Representation is fixed (others build on it): _hi/_lo are the address as a big-endian 128-bit integer
    // (IPv4: _hi = 0, _lo = the 32-bit address).
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

    /// <summary>The most characters <see cref="TryFormat(Span{char}, out int)"/> writes (an IPv6 address with a numeric zone).</summary>
    public const int MaxFormattedLength = IpFormatter.MaxLength;

    /// <summary>True for an IPv4 address.</summary>
    public bool IsIPv4 => _family == 4;

    /// <summary>True for an IPv6 address.</summary>
    public bool IsIPv6 => _family == 6;

    /// <summary>True for <c>default(IpAddress)</c>: no address.</summary>
    public bool IsNone => _family == 0;

    /// <summary>True for an IPv4-mapped IPv6 address (<c>::ffff:0:0/96</c>), as dual-stack sockets report IPv4 peers.</summary>
    public bool IsIPv4MappedToIPv6 => _family == 6 && _hi == 0 && (_lo >> 32) == 0xFFFF;

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

    /// <summary>Creates an address from 4 (IPv4) or 16 (IPv6) bytes in network order.</summary>
    /// <exception cref="ArgumentException">The span is neither 4 nor 16 bytes long.</exception>
    public static IpAddress FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes)),
        16 => FromIPv6(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(8))),
        _ => throw new ArgumentException("An address is 4 (IPv4) or 16 (IPv6) bytes, not " + bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".", nameof(bytes)),
    };

    /// <summary>The IPv4 address for IPv4, IPv4-mapped IPv6; false otherwise.</summary>
    public bool TryGetEmbeddedIPv4(out uint value)
    {
        if (_family == 4 || IsIPv4MappedToIPv6)
        {
            value = (uint)_lo;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>The IPv4 address an IPv4-mapped IPv6 address stands for; any other address unchanged.</summary>
    public IpAddress Unmap() => IsIPv4MappedToIPv6 ? FromIPv4((uint)_lo) : this;

    /// <summary>Parses IPv4, IPv6 (with <c>%zone</c>), and bracketed IPv6 (<c>[::1]</c>) text.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpAddress address) =>
        IpParser.TryParse(text, out address, out _) == IpParseStatus.Ok;

    /// <summary>Parses UTF-8 text; same grammar as the char overload.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out IpAddress address)
    {
        // Most log addresses are plain dotted quads: those take a short path; anything else, the full grammar.
        if (IpParser.TryParseDottedQuad(utf8, out uint value))
        {
            address = FromIPv4(value);
            return true;
        }

        return IpParser.TryParse(utf8, out address, out _) == IpParseStatus.Ok;
    }

    /// <summary>
    /// Parses like <see cref="TryParse(ReadOnlySpan{char}, out IpAddress)"/>; on failure <paramref name="error"/> says
    /// what is wrong and where (e.g. <c>the IPv4 part at position 9 is greater than 255</c>). Allocates only on failure.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpAddress address, out string? error) =>
        TryParseWithError(text, out address, out error);

    /// <summary>UTF-8 form of <see cref="TryParse(ReadOnlySpan{char}, out IpAddress, out string)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out IpAddress address, out string? error) =>
        TryParseWithError(utf8, out address, out error);

    /// <summary>Parses, throwing <see cref="FormatException"/> naming the text on failure.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not an address; the message quotes it and says why.</exception>
    public static IpAddress Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        IpParseStatus status = IpParser.TryParse(text.AsSpan(), out IpAddress address, out int position);
        if (status != IpParseStatus.Ok)
        {
            throw new FormatException(ErrorMessage(text.AsSpan(), status, position));
        }

        return address;
    }

    /// <summary>Writes the canonical text (RFC 5952 for IPv6) into <paramref name="destination"/>.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        Span<char> buffer = stackalloc char[IpFormatter.MaxLength];
        int length = IpFormatter.Format(this, buffer);
        return CodeUnits.TryCopy(buffer.Slice(0, length), destination, out charsWritten);
    }

    /// <summary>Writes the canonical text as UTF-8.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten)
    {
        if (_family == 4 && utf8Destination.Length >= 15)
        {
            // A dotted quad goes straight into the destination (the common case of every writer).
            bytesWritten = IpFormatter.WriteIPv4Utf8((uint)_lo, utf8Destination);
            return true;
        }

        Span<char> buffer = stackalloc char[IpFormatter.MaxLength];
        int length = IpFormatter.Format(this, buffer);
        return CodeUnits.TryCopy(buffer.Slice(0, length), utf8Destination, out bytesWritten);
    }

    /// <summary>Writes the address bytes in network order (4 or 16 bytes) for hashing; returns the count (0 for no address).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the address.</exception>
    public int WriteBytes(Span<byte> destination)
    {
        int size = _family == 4 ? 4 : _family == 6 ? 16 : 0;
        if (destination.Length < size)
        {
            throw new ArgumentException("The destination holds fewer than " + size.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes.", nameof(destination));
        }

        if (size == 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_lo);
        }
        else if (size == 16)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, _hi);
            BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(8), _lo);
        }

        return size;
    }

    /// <summary>The canonical text; empty for no address.</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[IpFormatter.MaxLength];
        int length = IpFormatter.Format(this, buffer);
        return length == 0 ? string.Empty : buffer.Slice(0, length).ToString();
    }

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
        if (c != 0)
        {
            return c;
        }

        // The zone breaks ties so that ordering agrees with equality.
        c = _lo.CompareTo(other._lo);
        return c != 0 ? c : _scopeId.CompareTo(other._scopeId);
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

    internal static string ErrorMessage<T>(ReadOnlySpan<T> text, IpParseStatus status, int position)
        where T : unmanaged =>
        "'" + CodeUnits.ToDisplayString(text) + "' is not a valid IP address: " + IpParser.Describe(status, text, position) + ".";

    private static bool TryParseWithError<T>(ReadOnlySpan<T> text, out IpAddress address, out string? error)
        where T : unmanaged
    {
        IpParseStatus status = IpParser.TryParse(text, out address, out int position);
        error = status == IpParseStatus.Ok ? null : ErrorMessage(text, status, position);
        return status == IpParseStatus.Ok;
    }
}
