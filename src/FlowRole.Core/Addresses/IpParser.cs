using System;
using System.Globalization;
#if NET
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace FlowRole.Addresses;

/// <summary>
/// The one address grammar, generic over UTF-16 chars and UTF-8 bytes (see <see cref="CodeUnits"/>). Allocation-free;
/// only <see cref="Describe"/> allocates, and only for an error message.
/// </summary>
/// <remarks>
/// Grammar, strict on purpose (a log field is either an address or a data problem worth reporting):
/// IPv4 is exactly four dot-separated decimal parts of 1-3 digits, each 0-255. Leading zeros are read as decimal
/// (<c>010.001.002.003</c> is 10.1.2.3), never as octal: logs that zero-pad octets mean decimal, and the inet_aton
/// octal/hex forms are a classic filter-evasion trick, so they are not accepted at all (no <c>0x0a</c>, no
/// <c>10.1</c>). IPv6 is RFC 4291: eight groups of 1-4 hex digits, one optional <c>::</c> standing for at least one
/// zero group, an optional dotted IPv4 tail in place of the last two groups; then an optional <c>%zone</c> (digits:
/// a numeric scope id kept in <see cref="IpAddress.ScopeId"/>; an interface name of up to 64 characters: accepted and
/// dropped). IPv6 text may be wrapped in brackets, zone inside (<c>[fe80::1%eth0]</c>). No whitespace anywhere:
/// callers trim fields.
/// </remarks>
internal static class IpParser
{
    /// <summary>Longest interface-name zone accepted (Linux allows 15, Windows friendly names run longer).</summary>
    public const int MaxZoneLength = 64;

    /// <summary>Longest text that can be an address: brackets, the 45-character IPv6-with-IPv4-tail form, '%', a zone.</summary>
    public const int MaxInputLength = 2 + 45 + 1 + MaxZoneLength;

    public static IpParseStatus TryParse<T>(ReadOnlySpan<T> text, out IpAddress address, out int position)
        where T : unmanaged
    {
        address = default;
        position = -1;
        int length = text.Length;
        if (length == 0)
        {
            return IpParseStatus.Empty;
        }

        if (length > MaxInputLength)
        {
            return IpParseStatus.TooLong;
        }

        int start = 0, end = length;
        bool bracketed = false;
        if (CodeUnits.At(text, 0) == '[')
        {
            if (CodeUnits.At(text, length - 1) != ']')
            {
                position = 0;
                return IpParseStatus.UnbalancedBracket;
            }

            bracketed = true;
            start = 1;
            end = length - 1;
            if (start == end)
            {
                position = end;
                return IpParseStatus.Empty;
            }
        }

        int zoneAt = -1;
        bool hasColon = false;
        for (int i = start; i < end; i++)
        {
            int c = CodeUnits.At(text, i);
            if (c == '%')
            {
                zoneAt = i;
                break;
            }

            if (c == ':')
            {
                hasColon = true;
            }
            else if (c == '[' || c == ']')
            {
                position = i;
                return IpParseStatus.UnbalancedBracket;
            }
        }

        int addressEnd = zoneAt >= 0 ? zoneAt : end;
        if (addressEnd == start)
        {
            position = addressEnd;
            return IpParseStatus.Empty;
        }

        if (!hasColon)
        {
            if (bracketed)
            {
                position = 0;
                return IpParseStatus.BracketedIPv4;
            }

            if (zoneAt >= 0)
            {
                position = zoneAt;
                return IpParseStatus.ZoneOnIPv4;
            }

            IpParseStatus v4 = ParseIPv4(text, start, addressEnd, out uint value, out position);
            if (v4 == IpParseStatus.Ok)
            {
                address = IpAddress.FromIPv4(value);
            }

            return v4;
        }

        IpParseStatus v6 = ParseIPv6(text, start, addressEnd, out ulong hi, out ulong lo, out position);
        if (v6 != IpParseStatus.Ok)
        {
            return v6;
        }

        uint scopeId = 0;
        if (zoneAt >= 0)
        {
            IpParseStatus zone = ParseZone(text, zoneAt + 1, end, out scopeId, out position);
            if (zone != IpParseStatus.Ok)
            {
                return zone;
            }
        }

        address = IpAddress.FromIPv6(hi, lo, scopeId);
        return IpParseStatus.Ok;
    }

    /// <summary>
    /// The short path for the commonest address text, a UTF-8 dotted quad of four 1-3 digit parts each at most 255:
    /// true (with the value) only for text the full grammar accepts with the same value; false for anything else,
    /// which then takes <see cref="TryParse{T}"/> (and its error reporting).
    /// </summary>
    public static bool TryParseDottedQuad(ReadOnlySpan<byte> text, out uint value)
    {
#if NET
        if (Ssse3.IsSupported)
        {
            return TryParseDottedQuadSsse3(text, out value);
        }

        if (Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            return TryParseDottedQuadVector(text, out value);
        }
#endif

        return TryParseDottedQuadScalar(text, out value);
    }

    internal static bool TryParseDottedQuadScalar(ReadOnlySpan<byte> text, out uint value)
    {
        value = 0;
        if ((uint)(text.Length - 7) > 15 - 7)
        {
            return false;
        }

        int i = 0;
        for (int part = 0; part < 4; part++)
        {
            uint octet = 0;
            int digits = 0;
            while (i < text.Length && digits < 3)
            {
                uint d = (uint)(text[i] - '0');
                if (d > 9)
                {
                    break;
                }

                octet = (octet * 10) + d;
                digits++;
                i++;
            }

            if (digits == 0 || octet > 255)
            {
                return false;
            }

            value = (value << 8) | octet;
            if (part < 3)
            {
                if (i >= text.Length || text[i] != (byte)'.')
                {
                    return false;
                }

                i++;
            }
        }

        return i == text.Length;
    }

#if NET
    /// <summary>
    /// <see cref="TryParseDottedQuad"/> without a branch per character: one vector compare finds the dots and checks
    /// that everything else is a digit, then each part is read as the (up to) three digits ending at its dot, with
    /// the ones before its start multiplied by zero. How many digits each part has varies address by address, so
    /// the scalar loop's branches are mispredicted on most addresses.
    /// </summary>
    private static bool TryParseDottedQuadVector(ReadOnlySpan<byte> text, out uint value)
    {
        value = 0;
        int length = text.Length;
        if ((uint)(length - 8) > 15 - 8)
        {
            // Seven characters (1.2.3.4) cannot be read as two 8-byte words: the scalar loop takes them.
            return length == 7 && TryParseDottedQuadScalar(text, out value);
        }

        // The first and the last eight bytes (overlapping for shorter text) as one vector: bit i of a half's mask
        // is position i, or position length - 8 + i for the second half. Read in place: copying the text to a
        // buffer first would make the wide load wait on the narrow stores of the copy.
        ref byte start = ref MemoryMarshal.GetReference(text);
        ulong low = Unsafe.ReadUnaligned<ulong>(ref start);
        ulong high = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - 8));
        Vector128<byte> chars = Vector128.Create(low, high).AsByte();
        uint dotMask = Vector128.Equals(chars, Vector128.Create((byte)'.')).ExtractMostSignificantBits();
        uint digitMask = Vector128.LessThan(chars - Vector128.Create((byte)'0'), Vector128.Create((byte)10)).ExtractMostSignificantBits();
        int shift = length - 8;
        uint dots = (dotMask & 0xFF) | ((dotMask >> 8) << shift);
        uint digits = (digitMask & 0xFF) | ((digitMask >> 8) << shift);
        if ((dots | digits) != (1u << length) - 1 || BitOperations.PopCount(dots) != 3)
        {
            return false;
        }

        int first = BitOperations.TrailingZeroCount(dots);
        dots &= dots - 1;
        int second = BitOperations.TrailingZeroCount(dots);
        dots &= dots - 1;
        int third = BitOperations.TrailingZeroCount(dots);

        // Each part holds 1-3 digits (an empty or four-digit part fails here).
        int a = first, b = second - first - 1, c = third - second - 1, d = length - third - 1;
        if ((uint)(a - 1) > 2 || (uint)(b - 1) > 2 || (uint)(c - 1) > 2 || (uint)(d - 1) > 2)
        {
            return false;
        }

        uint o1 = Part(ref start, first, a), o2 = Part(ref start, second, b), o3 = Part(ref start, third, c), o4 = Part(ref start, length, d);
        if ((o1 | o2 | o3 | o4) > 255)
        {
            return false;
        }

        value = (o1 << 24) | (o2 << 16) | (o3 << 8) | o4;
        return true;
    }

    /// <summary>
    /// <see cref="TryParseDottedQuad"/> in a few vector instructions (after W. Mula's SIMD IPv4 parser): the text is
    /// loaded into one vector, zero-padded; the dots' positions pick one of the 27 shapes the first three parts can
    /// have, and with the last part's length one of 81 shuffles that lays each part's digits out as hundreds, tens,
    /// ones; two multiply-adds then give the four parts. The other vector path reads each digit on its own.
    /// </summary>
    internal static bool TryParseDottedQuadSsse3(ReadOnlySpan<byte> text, out uint value)
    {
        value = 0;
        int length = text.Length;
        if ((uint)(length - 7) > 15 - 7)
        {
            return false;
        }

        // Read in place, never past the text: the first and last eight bytes (or, for seven, four and four),
        // then one shuffle per length puts the last ones after the first and zeroes the rest.
        ref byte start = ref MemoryMarshal.GetReference(text);
        Vector128<byte> chars;
        if (length >= 8)
        {
            ulong low = Unsafe.ReadUnaligned<ulong>(ref start);
            ulong high = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - 8));
            chars = Ssse3.Shuffle(Vector128.Create(low, high).AsByte(), Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(DottedQuadTables.Align), (nuint)(16 * (length - 8))));
        }
        else
        {
            uint low = Unsafe.ReadUnaligned<uint>(ref start);
            uint high = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, 3));
            chars = Vector128.CreateScalar(low | ((ulong)(high >> 8) << 32)).AsByte();
        }

        Vector128<byte> digits = chars - Vector128.Create((byte)'0');
        uint dots = Vector128.Equals(chars, Vector128.Create((byte)'.')).ExtractMostSignificantBits();
        uint numerals = Vector128.LessThan(digits, Vector128.Create((byte)10)).ExtractMostSignificantBits();
        uint entry = DottedQuadTables.ShapeAt(DottedQuadTables.ShapeSlot(dots & 0x7FFF));
        int shape = (entry >> 8) == dots ? (int)(entry & 0xFF) : 0;
        int last = length - 1 - (31 - BitOperations.LeadingZeroCount(dots));
        if ((dots | numerals) != (1u << length) - 1 || shape == 0 || (uint)(last - 1) > 2)
        {
            return false;
        }

        Vector128<byte> laidOut = Ssse3.Shuffle(digits, Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(DottedQuadTables.Layout), (nuint)(16 * ((3 * (shape - 1)) + last - 1))));
        Vector128<short> pairs = Ssse3.MultiplyAddAdjacent(laidOut, Vector128.Create(0x00010A64u).AsSByte()); // weights 100, 10, 1, 0 per part
        Vector128<int> parts = Sse2.MultiplyAddAdjacent(pairs, Vector128<short>.One);
        if (Vector128.GreaterThanAny(parts, Vector128.Create(255)))
        {
            return false;
        }

        value = Ssse3.Shuffle(parts.AsByte(), Vector128.Create((byte)12, 8, 4, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80)).AsUInt32().ToScalar();
        return true;
    }

    /// <summary>The value of the <paramref name="digits"/> (1-3) digits that end just before <paramref name="end"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Part(ref byte start, int end, int digits)
    {
        // Positions before the text (the first part's missing digits) are clamped to 0 and masked out.
        uint ones = (uint)(Unsafe.Add(ref start, end - 1) - '0');
        uint tens = (uint)(Unsafe.Add(ref start, Math.Max(end - 2, 0)) - '0') & (digits > 1 ? 0xFFu : 0u);
        uint hundreds = (uint)(Unsafe.Add(ref start, Math.Max(end - 3, 0)) - '0') & (digits > 2 ? 0xFFu : 0u);
        return ones + (tens * 10) + (hundreds * 100);
    }
#endif

    /// <summary>Parses a dotted quad in [start, end), which must be consumed completely.</summary>
    internal static IpParseStatus ParseIPv4<T>(ReadOnlySpan<T> text, int start, int end, out uint value, out int position)
        where T : unmanaged
    {
        value = 0;
        position = -1;
        int parts = 0;
        int i = start;
        while (true)
        {
            int partStart = i;
            int digits = 0, part = 0, c = -1;
            while (i < end)
            {
                c = CodeUnits.At(text, i);
                if ((uint)(c - '0') > 9)
                {
                    break;
                }

                if (++digits > 3)
                {
                    position = partStart;
                    return IpParseStatus.IPv4PartTooLong;
                }

                part = (part * 10) + (c - '0');
                i++;
            }

            if (digits == 0)
            {
                position = i;
                return i < end && c != '.' ? IpParseStatus.UnexpectedCharacter : IpParseStatus.IPv4EmptyPart;
            }

            if (part > 255)
            {
                position = partStart;
                return IpParseStatus.IPv4PartTooLarge;
            }

            value = (value << 8) | (uint)part;
            parts++;
            if (i == end)
            {
                break;
            }

            if (CodeUnits.At(text, i) != '.')
            {
                position = i;
                return IpParseStatus.UnexpectedCharacter;
            }

            if (parts == 4)
            {
                position = i;
                return IpParseStatus.IPv4TooManyParts;
            }

            i++;
            if (i == end)
            {
                position = i;
                return IpParseStatus.IPv4EmptyPart;
            }
        }

        if (parts != 4)
        {
            position = start;
            return IpParseStatus.IPv4TooFewParts;
        }

        return IpParseStatus.Ok;
    }

    /// <summary>Parses RFC 4291 text in [start, end) (no brackets, no zone).</summary>
    private static IpParseStatus ParseIPv6<T>(ReadOnlySpan<T> text, int start, int end, out ulong hi, out ulong lo, out int position)
        where T : unmanaged
    {
        hi = 0;
        lo = 0;
        position = -1;
        Span<ushort> words = stackalloc ushort[8];
        int count = 0;
        int compressAt = -1;
        int i = start;

        if (CodeUnits.At(text, i) == ':')
        {
            if (i + 1 >= end || CodeUnits.At(text, i + 1) != ':')
            {
                position = i;
                return IpParseStatus.IPv6LoneColon;
            }

            compressAt = 0;
            i += 2;
        }

        while (i < end)
        {
            int groupStart = i;
            int digits = 0, word = 0;
            while (i < end)
            {
                int h = HexValue(CodeUnits.At(text, i));
                if (h < 0)
                {
                    break;
                }

                if (++digits > 4)
                {
                    position = groupStart;
                    return IpParseStatus.IPv6GroupTooLong;
                }

                word = (word << 4) | h;
                i++;
            }

            if (i < end && CodeUnits.At(text, i) == '.')
            {
                // A dotted IPv4 tail stands for the last two groups and must end the address.
                if (count > 6)
                {
                    position = groupStart;
                    return IpParseStatus.IPv6MisplacedIPv4;
                }

                IpParseStatus v4 = ParseIPv4(text, groupStart, end, out uint value, out position);
                if (v4 != IpParseStatus.Ok)
                {
                    return v4;
                }

                words[count++] = (ushort)(value >> 16);
                words[count++] = (ushort)value;
                i = end;
                break;
            }

            if (digits == 0)
            {
                position = i;
                return i < end && CodeUnits.At(text, i) != ':' ? IpParseStatus.UnexpectedCharacter : IpParseStatus.IPv6EmptyGroup;
            }

            if (count == 8)
            {
                position = groupStart;
                return IpParseStatus.IPv6TooManyGroups;
            }

            words[count++] = (ushort)word;
            if (i == end)
            {
                break;
            }

            if (CodeUnits.At(text, i) != ':')
            {
                position = i;
                return IpParseStatus.UnexpectedCharacter;
            }

            i++;
            if (i == end)
            {
                position = i - 1;
                return IpParseStatus.IPv6LoneColon;
            }

            if (CodeUnits.At(text, i) == ':')
            {
                if (compressAt >= 0)
                {
                    position = i - 1;
                    return IpParseStatus.IPv6TwoCompressions;
                }

                compressAt = count;
                i++;
            }
        }

        if (compressAt < 0)
        {
            if (count != 8)
            {
                position = start;
                return IpParseStatus.IPv6TooFewGroups;
            }
        }
        else
        {
            if (count > 7)
            {
                position = start;
                return IpParseStatus.IPv6CompressionTooShort;
            }

            // Move the groups after "::" to the end; the gap is zeros.
            int tail = count - compressAt;
            for (int k = 1; k <= tail; k++)
            {
                words[8 - k] = words[count - k];
                words[count - k] = 0;
            }
        }

        hi = ((ulong)words[0] << 48) | ((ulong)words[1] << 32) | ((ulong)words[2] << 16) | words[3];
        lo = ((ulong)words[4] << 48) | ((ulong)words[5] << 32) | ((ulong)words[6] << 16) | words[7];
        return IpParseStatus.Ok;
    }

    private static IpParseStatus ParseZone<T>(ReadOnlySpan<T> text, int start, int end, out uint scopeId, out int position)
        where T : unmanaged
    {
        scopeId = 0;
        position = start - 1;
        if (start == end || end - start > MaxZoneLength)
        {
            return IpParseStatus.BadZone;
        }

        bool numeric = true;
        ulong value = 0;
        for (int i = start; i < end; i++)
        {
            int c = CodeUnits.At(text, i);
            if ((uint)(c - '0') <= 9)
            {
                value = (value * 10) + (uint)(c - '0');
                if (value > uint.MaxValue)
                {
                    return IpParseStatus.BadZone;
                }

                continue;
            }

            numeric = false;
            if (c == '[' || c == ']')
            {
                position = i;
                return IpParseStatus.UnbalancedBracket;
            }

            // Interface names: anything visible except the characters that delimit addresses and blocks.
            if (c <= ' ' || c == 0x7F || c == '%' || c == '/')
            {
                position = i;
                return IpParseStatus.BadZone;
            }
        }

        if (numeric)
        {
            scopeId = (uint)value;
        }

        position = -1;
        return IpParseStatus.Ok;
    }

    private static int HexValue(int c)
    {
        if ((uint)(c - '0') <= 9)
        {
            return c - '0';
        }

        int lower = c | 0x20;
        return (uint)(lower - 'a') <= 5 ? lower - 'a' + 10 : -1;
    }

    /// <summary>A human sentence for a failure (allocates; error path only).</summary>
    public static string Describe<T>(IpParseStatus status, ReadOnlySpan<T> text, int position)
        where T : unmanaged
    {
        string at = (position + 1).ToString(CultureInfo.InvariantCulture);
        return status switch
        {
            IpParseStatus.Empty => position < 0 ? "it is empty" : "no address before position " + at,
            IpParseStatus.TooLong => "it is longer than " + MaxInputLength.ToString(CultureInfo.InvariantCulture) + " characters",
            IpParseStatus.UnexpectedCharacter => "unexpected " + CodeUnits.Describe<T>(CodeUnits.At(text, position)) + " at position " + at,
            IpParseStatus.UnbalancedBracket => "unbalanced '[' or ']' at position " + at,
            IpParseStatus.BracketedIPv4 => "brackets are only used around IPv6 addresses",
            IpParseStatus.ZoneOnIPv4 => "a %zone is only valid on an IPv6 address",
            IpParseStatus.BadZone => "the %zone at position " + at + " is not a scope number or an interface name of 1-" + MaxZoneLength.ToString(CultureInfo.InvariantCulture) + " visible characters",
            IpParseStatus.IPv4TooFewParts => "an IPv4 address needs 4 dot-separated parts",
            IpParseStatus.IPv4TooManyParts => "an IPv4 address has only 4 dot-separated parts (extra '.' at position " + at + ")",
            IpParseStatus.IPv4EmptyPart => "empty IPv4 part at position " + at,
            IpParseStatus.IPv4PartTooLong => "the IPv4 part at position " + at + " has more than 3 digits",
            IpParseStatus.IPv4PartTooLarge => "the IPv4 part at position " + at + " is greater than 255",
            IpParseStatus.IPv6GroupTooLong => "the IPv6 group at position " + at + " has more than 4 hex digits",
            IpParseStatus.IPv6EmptyGroup => "empty IPv6 group at position " + at,
            IpParseStatus.IPv6TooManyGroups => "an IPv6 address has at most 8 groups (extra group at position " + at + ")",
            IpParseStatus.IPv6CompressionTooShort => "'::' must stand for at least one zero group, but 8 groups are already given",
            IpParseStatus.IPv6TooFewGroups => "an IPv6 address needs 8 groups or a '::'",
            IpParseStatus.IPv6TwoCompressions => "'::' may appear only once (again at position " + at + ")",
            IpParseStatus.IPv6LoneColon => "a single ':' at position " + at + " (only '::' may start or end an address)",
            IpParseStatus.IPv6MisplacedIPv4 => "a dotted IPv4 tail may only replace the last two IPv6 groups",
            _ => "it is not an IP address",
        };
    }
}
