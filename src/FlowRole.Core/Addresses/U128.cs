using System.Runtime.CompilerServices;

namespace FlowRole.Addresses;

/// <summary>
/// A 128-bit unsigned key for range arithmetic on addresses (netstandard2.0 has no <c>UInt128</c>). IPv4 addresses
/// are keyed by their IPv4-mapped IPv6 form (<c>::ffff:a.b.c.d</c>) so both spellings of an address compare equal.
/// </summary>
internal readonly struct U128
{
    /// <summary>The high 64 bits.</summary>
    public readonly ulong Hi;

    /// <summary>The low 64 bits.</summary>
    public readonly ulong Lo;

    public U128(ulong hi, ulong lo)
    {
        Hi = hi;
        Lo = lo;
    }

    /// <summary>The largest key.</summary>
    public static U128 Max => new(ulong.MaxValue, ulong.MaxValue);

    /// <summary>The high bit of the IPv4-mapped prefix ::ffff:0:0/96 in the low half.</summary>
    public const ulong MappedMarker = 0x0000_FFFF_0000_0000UL;

    /// <summary>The unified key of an address: IPv6 as is (zone ignored), IPv4 as its mapped form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U128 Of(IpAddress address) =>
        address.IsIPv4 ? new U128(0, MappedMarker | address.Low) : new U128(address.High, address.Low);

    /// <summary>The network mask of a 128-bit prefix length (0-128).</summary>
    public static U128 Mask(int prefixLength)
    {
        // Shifts by 64 are masked to 0 in C#, so the whole-half cases are spelled out.
        if (prefixLength <= 0)
        {
            return default;
        }

        if (prefixLength < 64)
        {
            return new U128(ulong.MaxValue << (64 - prefixLength), 0);
        }

        if (prefixLength == 64)
        {
            return new U128(ulong.MaxValue, 0);
        }

        return prefixLength >= 128
            ? Max
            : new U128(ulong.MaxValue, ulong.MaxValue << (128 - prefixLength));
    }

    public U128 And(U128 other) => new(Hi & other.Hi, Lo & other.Lo);

    public U128 Or(U128 other) => new(Hi | other.Hi, Lo | other.Lo);

    public U128 Not() => new(~Hi, ~Lo);

    public bool IsMax => Hi == ulong.MaxValue && Lo == ulong.MaxValue;

    /// <summary>This key plus one (the caller checks <see cref="IsMax"/> first).</summary>
    public U128 Increment() => Lo == ulong.MaxValue ? new U128(Hi + 1, 0) : new U128(Hi, Lo + 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessThan(U128 a, U128 b) => a.Hi < b.Hi || (a.Hi == b.Hi && a.Lo < b.Lo);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessOrEqual(U128 a, U128 b) => a.Hi < b.Hi || (a.Hi == b.Hi && a.Lo <= b.Lo);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AreEqual(U128 a, U128 b) => a.Hi == b.Hi && a.Lo == b.Lo;

    public static int Compare(U128 a, U128 b) => a.Hi != b.Hi ? a.Hi.CompareTo(b.Hi) : a.Lo.CompareTo(b.Lo);
}
