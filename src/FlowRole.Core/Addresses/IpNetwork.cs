using System;
using System.Diagnostics;
using System.Globalization;

namespace FlowRole.Addresses;

/// <summary>A CIDR block (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>). A bare address is a /32 or /128.</summary>
/// <remarks>
/// Containment treats an IPv4 address and its IPv4-mapped IPv6 form (<c>::ffff:a.b.c.d</c>) as the same address:
/// <c>10.0.0.0/8</c> contains <c>::ffff:10.1.2.3</c>, and <c>::ffff:10.0.0.0/104</c> contains <c>10.1.2.3</c>
/// (so <c>::/0</c> contains every IPv4 address too). Zones play no part in containment, and block text may not carry one.
/// </remarks>
public readonly struct IpNetwork : IEquatable<IpNetwork>
{
    private readonly IpAddress _base;
    private readonly byte _prefixLength;

    /// <summary>Creates a block from its first address and prefix length.</summary>
    /// <exception cref="ArgumentException">No address, a prefix length out of range for the family, or host bits set.</exception>
    public IpNetwork(IpAddress baseAddress, int prefixLength)
    {
        if (baseAddress.IsNone)
        {
            throw new ArgumentException("A network needs a base address.", nameof(baseAddress));
        }

        int max = baseAddress.IsIPv4 ? 32 : 128;
        if ((uint)prefixLength > (uint)max)
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, "The prefix length of an " + (max == 32 ? "IPv4" : "IPv6") + " block is 0-" + max.ToString(CultureInfo.InvariantCulture) + ".");
        }

        // A block has no zone: drop it so equal blocks compare equal.
        IpAddress unzoned = baseAddress.IsIPv4 ? baseAddress : IpAddress.FromIPv6(baseAddress.High, baseAddress.Low);
        if (!HasNoHostBits(unzoned, prefixLength))
        {
            throw new ArgumentException(HostBitsMessage(unzoned, prefixLength), nameof(baseAddress));
        }

        _base = unzoned;
        _prefixLength = (byte)prefixLength;
    }

    // For the parser, which has already checked the prefix length and host bits.
    private IpNetwork(IpAddress baseAddress, byte prefixLength, bool validated)
    {
        Debug.Assert(validated && HasNoHostBits(baseAddress, prefixLength), "the caller validates");
        _base = baseAddress;
        _prefixLength = prefixLength;
    }

    /// <summary>The first address of the block.</summary>
    public IpAddress BaseAddress => _base;

    /// <summary>The prefix length.</summary>
    public int PrefixLength => _prefixLength;

    /// <summary>The last address of the block.</summary>
    public IpAddress LastAddress
    {
        get
        {
            if (_base.IsIPv4)
            {
                return IpAddress.FromIPv4((uint)_base.Low | HostMaskIPv4(_prefixLength));
            }

            if (_base.IsNone)
            {
                return default;
            }

            U128 last = new U128(_base.High, _base.Low).Or(U128.Mask(_prefixLength).Not());
            return IpAddress.FromIPv6(last.Hi, last.Lo);
        }
    }

    /// <summary>The prefix length in the unified 128-bit space where IPv4 lives at ::ffff:0:0/96.</summary>
    internal int UnifiedPrefixLength => _base.IsIPv4 ? 96 + _prefixLength : _prefixLength;

    /// <summary>The first unified key of the block.</summary>
    internal U128 UnifiedStart => U128.Of(_base);

    /// <summary>The last unified key of the block.</summary>
    internal U128 UnifiedEnd => UnifiedStart.Or(U128.Mask(UnifiedPrefixLength).Not());

    /// <summary>True when the address lies in this block (IPv4-mapped IPv6 matches IPv4 blocks).</summary>
    public bool Contains(IpAddress address)
    {
        if (address.IsNone || _base.IsNone)
        {
            return false;
        }

        U128 key = U128.Of(address);
        U128 mask = U128.Mask(UnifiedPrefixLength);
        return U128.AreEqual(key.And(mask), UnifiedStart);
    }

    /// <summary>Parses CIDR text. Non-zero host bits are an error (the text most likely has a typo).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpNetwork network) =>
        TryParseCore(text, out network, out _) == NetworkParseStatus.Ok;

    /// <summary>Parses UTF-8 CIDR text; same grammar as the char overload.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out IpNetwork network) =>
        TryParseCore(utf8, out network, out _) == NetworkParseStatus.Ok;

    /// <summary>
    /// Parses CIDR text; on failure <paramref name="error"/> quotes the text and says what is wrong (for a block with
    /// host bits set it names the block the address belongs to). Allocates only on failure.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpNetwork network, out string? error)
    {
        error = null;
        var result = TryParseCore(text, out network, out ParseDetail detail);
        if (result != NetworkParseStatus.Ok)
        {
            error = "'" + CodeUnits.ToDisplayString(text) + "' is not a valid CIDR block: " + Describe(text, result, detail) + ".";
            return false;
        }

        return true;
    }

    /// <summary>Parses, throwing <see cref="FormatException"/> that names the text on failure.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a CIDR block; the message quotes it and says why.</exception>
    public static IpNetwork Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (!TryParse(text.AsSpan(), out IpNetwork network, out string? error))
        {
            throw new FormatException(error);
        }

        return network;
    }

    /// <summary>Writes the canonical CIDR text (<c>base/prefix</c>).</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        if (_base.IsNone)
        {
            return true;
        }

        int p = _prefixLength;
        int suffix = p >= 100 ? 4 : p >= 10 ? 3 : 2;
        if (!_base.TryFormat(destination, out int n) || destination.Length < n + suffix)
        {
            return false;
        }

        destination[n++] = '/';
        if (p >= 100)
        {
            destination[n++] = (char)('0' + (p / 100));
        }

        if (p >= 10)
        {
            destination[n++] = (char)('0' + (p / 10 % 10));
        }

        destination[n++] = (char)('0' + (p % 10));
        charsWritten = n;
        return true;
    }

    /// <summary>Canonical CIDR text.</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[IpAddress.MaxFormattedLength + 4];
        TryFormat(buffer, out int n);
        return buffer.Slice(0, n).ToString();
    }

    /// <inheritdoc/>
    public bool Equals(IpNetwork other) => _prefixLength == other._prefixLength && _base.Equals(other._base);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IpNetwork other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_base, _prefixLength);

    /// <summary>Equality.</summary>
    public static bool operator ==(IpNetwork left, IpNetwork right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IpNetwork left, IpNetwork right) => !left.Equals(right);

    private static bool HasNoHostBits(IpAddress address, int prefixLength)
    {
        if (address.IsIPv4)
        {
            return ((uint)address.Low & HostMaskIPv4(prefixLength)) == 0;
        }

        U128 host = U128.Mask(prefixLength).Not();
        return (address.High & host.Hi) == 0 && (address.Low & host.Lo) == 0;
    }

    // Shift counts are taken mod 32, so /32 is spelled out.
    private static uint HostMaskIPv4(int prefixLength) => prefixLength >= 32 ? 0 : uint.MaxValue >> prefixLength;

    private static IpAddress WithoutHostBits(IpAddress address, int prefixLength)
    {
        if (address.IsIPv4)
        {
            return IpAddress.FromIPv4((uint)address.Low & ~HostMaskIPv4(prefixLength));
        }

        U128 mask = U128.Mask(prefixLength);
        return IpAddress.FromIPv6(address.High & mask.Hi, address.Low & mask.Lo);
    }

    private static string HostBitsMessage(IpAddress address, int prefixLength) =>
        address.ToString() + "/" + prefixLength.ToString(CultureInfo.InvariantCulture) + " has host bits set; the block holding that address is "
        + WithoutHostBits(address, prefixLength).ToString() + "/" + prefixLength.ToString(CultureInfo.InvariantCulture);

    private static NetworkParseStatus TryParseCore<T>(ReadOnlySpan<T> text, out IpNetwork network, out ParseDetail detail)
        where T : unmanaged
    {
        network = default;
        detail = default;
        int slash = -1;
        for (int i = 0; i < text.Length; i++)
        {
            int c = CodeUnits.At(text, i);
            if (c == '/')
            {
                slash = i;
                break;
            }

            if (c == '%')
            {
                detail.Position = i;
                return NetworkParseStatus.Zone;
            }
        }

        ReadOnlySpan<T> addressText = slash >= 0 ? text.Slice(0, slash) : text;
        IpParseStatus status = IpParser.TryParse(addressText, out IpAddress address, out int position);
        if (status != IpParseStatus.Ok)
        {
            detail.AddressStatus = status;
            detail.Position = position;
            return NetworkParseStatus.Address;
        }

        detail.Address = address;
        int max = address.IsIPv4 ? 32 : 128;
        int prefix = max;
        if (slash >= 0)
        {
            int digits = text.Length - slash - 1;
            if (digits == 0)
            {
                detail.Position = slash;
                return NetworkParseStatus.PrefixMissing;
            }

            prefix = 0;
            for (int i = slash + 1; i < text.Length; i++)
            {
                int c = CodeUnits.At(text, i);
                if ((uint)(c - '0') > 9 || i - slash > 3)
                {
                    detail.Position = slash + 1;
                    return NetworkParseStatus.PrefixNotNumber;
                }

                prefix = (prefix * 10) + (c - '0');
            }

            if (prefix > max)
            {
                detail.Position = slash + 1;
                return NetworkParseStatus.PrefixTooLong;
            }
        }

        detail.Prefix = prefix;
        if (!HasNoHostBits(address, prefix))
        {
            return NetworkParseStatus.HostBits;
        }

        network = new IpNetwork(address, (byte)prefix, validated: true);
        return NetworkParseStatus.Ok;
    }

    private static string Describe<T>(ReadOnlySpan<T> text, NetworkParseStatus status, ParseDetail detail)
        where T : unmanaged
    {
        string at = (detail.Position + 1).ToString(CultureInfo.InvariantCulture);
        return status switch
        {
            NetworkParseStatus.Zone => "a block cannot carry a %zone (position " + at + ")",
            NetworkParseStatus.Address => IpParser.Describe(detail.AddressStatus, text, detail.Position),
            NetworkParseStatus.PrefixMissing => "no prefix length after '/'",
            NetworkParseStatus.PrefixNotNumber => "the prefix length at position " + at + " is not a number of 1-3 digits",
            NetworkParseStatus.PrefixTooLong => "the prefix length at position " + at + " is greater than " + (detail.Address.IsIPv4 ? "32" : "128"),
            NetworkParseStatus.HostBits => HostBitsMessage(detail.Address, detail.Prefix),
            _ => "it is not a CIDR block",
        };
    }

    /// <summary>Describes a failure for <see cref="NetworkSet"/> messages (no leading quote of the text).</summary>
    internal static string? ParseError(ReadOnlySpan<char> text, out IpNetwork network)
    {
        var result = TryParseCore(text, out network, out ParseDetail detail);
        return result == NetworkParseStatus.Ok ? null : Describe(text, result, detail);
    }

    private enum NetworkParseStatus : byte
    {
        Ok = 0,
        Address,
        Zone,
        PrefixMissing,
        PrefixNotNumber,
        PrefixTooLong,
        HostBits,
    }

    private struct ParseDetail
    {
        public IpParseStatus AddressStatus;
        public int Position;
        public IpAddress Address;
        public int Prefix;
    }
}
