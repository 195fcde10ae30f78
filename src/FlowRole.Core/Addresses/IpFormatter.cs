using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowRole.Addresses;

/// <summary>Canonical address text: dotted quad for IPv4, RFC 5952 for IPv6. Allocation-free.</summary>
internal static class IpFormatter
{
    /// <summary>Longest canonical text: 39 hex/colon characters plus <c>%4294967295</c>.</summary>
    public const int MaxLength = 39 + 11;

    private const string HexDigits = "0123456789abcdef";

    /// <summary>Formats into a char buffer of at least <see cref="MaxLength"/>; returns the length (0 for no address).</summary>
    public static int Format(IpAddress address, Span<char> buffer)
    {
        if (address.IsIPv4)
        {
            return WriteIPv4((uint)address.Low, buffer, 0);
        }

        if (!address.IsIPv6)
        {
            return 0;
        }

        ulong hi = address.High, lo = address.Low;
        int n;
        if (hi == 0 && (lo >> 32) == 0xFFFF)
        {
            // RFC 5952 section 5: IPv4-mapped addresses keep the dotted tail.
            "::ffff:".AsSpan().CopyTo(buffer);
            n = WriteIPv4((uint)lo, buffer, 7);
        }
        else
        {
            n = WriteIPv6(hi, lo, buffer);
        }

        if (address.ScopeId != 0)
        {
            buffer[n++] = '%';
            n += WriteDecimal(address.ScopeId, buffer.Slice(n));
        }

        return n;
    }

    /// <summary>Writes a dotted quad as UTF-8 into a destination of at least 15 bytes; returns the length.</summary>
    public static int WriteIPv4Utf8(uint value, Span<byte> destination)
    {
        if (destination.Length < 15)
        {
            throw new ArgumentException("A dotted quad takes up to 15 bytes.", nameof(destination));
        }

        // Each octet's digits come from a table (no division); the length check above covers every write.
        ref byte d = ref MemoryMarshal.GetReference(destination);
        uint[] octets = OctetDigits;
        if (destination.Length >= 16 && BitConverter.IsLittleEndian)
        {
            // Room for a 4-byte store at the last octet: each octet goes out as one store (digits and dot, or digits
            // and zeros), with no branch on its digit count; the bytes a store puts past an octet are overwritten by
            // the next one, or past the end of the text (within the destination) by the last.
            uint[] dotted = OctetDigitsDot;
            uint a = value >> 24, b = (value >> 16) & 0xFF, c = (value >> 8) & 0xFF, e = value & 0xFF;
            Unsafe.WriteUnaligned(ref d, dotted[a]);
            int m = (int)(octets[a] >> 24) + 1;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, m), dotted[b]);
            m += (int)(octets[b] >> 24) + 1;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, m), dotted[c]);
            m += (int)(octets[c] >> 24) + 1;
            uint last = octets[e];
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, m), last & 0xFFFFFF);
            return m + (int)(last >> 24);
        }

        int n = WriteOctet(ref d, 0, octets[value >> 24]);
        Unsafe.Add(ref d, n++) = (byte)'.';
        n = WriteOctet(ref d, n, octets[(value >> 16) & 0xFF]);
        Unsafe.Add(ref d, n++) = (byte)'.';
        n = WriteOctet(ref d, n, octets[(value >> 8) & 0xFF]);
        Unsafe.Add(ref d, n++) = (byte)'.';
        return WriteOctet(ref d, n, octets[value & 0xFF]);
    }

    // Octet 0-255 as its digits in bytes 0-2 and the digit count in byte 3.
    private static readonly uint[] OctetDigits = BuildOctetDigits();

    // Octet 0-255 as its digits followed by a dot (zeros after), for one 4-byte store per octet.
    private static readonly uint[] OctetDigitsDot = BuildOctetDigitsDot();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteOctet(ref byte d, int n, uint digits)
    {
        int count = (int)(digits >> 24);
        Unsafe.Add(ref d, n) = (byte)digits;
        if (count > 1)
        {
            Unsafe.Add(ref d, n + 1) = (byte)(digits >> 8);
            if (count > 2)
            {
                Unsafe.Add(ref d, n + 2) = (byte)(digits >> 16);
            }
        }

        return n + count;
    }

    private static uint[] BuildOctetDigits()
    {
        var table = new uint[256];
        for (uint octet = 0; octet < 256; octet++)
        {
            string text = octet.ToString(System.Globalization.CultureInfo.InvariantCulture);
            uint digits = (uint)text.Length << 24;
            for (int i = 0; i < text.Length; i++)
            {
                digits |= (uint)text[i] << (8 * i);
            }

            table[octet] = digits;
        }

        return table;
    }

    private static uint[] BuildOctetDigitsDot()
    {
        var table = new uint[256];
        for (uint octet = 0; octet < 256; octet++)
        {
            string text = octet.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".";
            uint bytes = 0;
            for (int i = 0; i < text.Length; i++)
            {
                bytes |= (uint)text[i] << (8 * i);
            }

            table[octet] = bytes;
        }

        return table;
    }

    private static int WriteIPv6(ulong hi, ulong lo, Span<char> buffer)
    {
        Span<ushort> words = stackalloc ushort[8];
        for (int k = 0; k < 4; k++)
        {
            words[k] = (ushort)(hi >> (48 - (16 * k)));
            words[k + 4] = (ushort)(lo >> (48 - (16 * k)));
        }

        // RFC 5952 4.2: compress the longest run of two or more zero groups; the first one on a tie.
        int bestStart = -1, bestLength = 1;
        for (int k = 0; k < 8;)
        {
            if (words[k] != 0)
            {
                k++;
                continue;
            }

            int runStart = k;
            while (k < 8 && words[k] == 0)
            {
                k++;
            }

            if (k - runStart > bestLength)
            {
                bestStart = runStart;
                bestLength = k - runStart;
            }
        }

        int n = 0;
        for (int k = 0; k < 8; k++)
        {
            if (k == bestStart)
            {
                buffer[n++] = ':';
                buffer[n++] = ':';
                k += bestLength - 1;
                continue;
            }

            if (n > 0 && buffer[n - 1] != ':')
            {
                buffer[n++] = ':';
            }

            n += WriteHex(words[k], buffer.Slice(n));
        }

        return n;
    }

    private static int WriteHex(ushort word, Span<char> buffer)
    {
        // RFC 5952 4.1 and 4.3: no leading zeros, lower case.
        int n = 0;
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4)
        {
            int nibble = (word >> shift) & 0xF;
            if (nibble != 0 || started || shift == 0)
            {
                buffer[n++] = HexDigits[nibble];
                started = true;
            }
        }

        return n;
    }

    private static int WriteIPv4(uint value, Span<char> buffer, int n)
    {
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            n += WriteDecimal((value >> shift) & 0xFF, buffer.Slice(n));
            if (shift != 0)
            {
                buffer[n++] = '.';
            }
        }

        return n;
    }

    private static int WriteDecimal(uint value, Span<char> buffer)
    {
        int digits = 1;
        for (uint v = value; v >= 10; v /= 10)
        {
            digits++;
        }

        for (int k = digits - 1; k >= 0; k--)
        {
            buffer[k] = (char)('0' + (value % 10));
            value /= 10;
        }

        return digits;
    }
}
