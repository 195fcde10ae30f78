using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace FlowRole.Fields;

/// <summary>Small allocation-free helpers over ASCII text held as UTF-8 bytes or chars.</summary>
internal static class AsciiText
{
    /// <summary>Longest value the char overloads transcode on the stack; longer text is never a valid token.</summary>
    public const int MaxTokenChars = 128;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value) =>
        value.IsEmpty || (!IsWhiteSpace(value[0]) && !IsWhiteSpace(value[value.Length - 1])) ? value : TrimSlow(value); // rarely padded

    private static ReadOnlySpan<byte> TrimSlow(ReadOnlySpan<byte> value)
    {
        int start = 0, end = value.Length;
        while (start < end && IsWhiteSpace(value[start]))
        {
            start++;
        }

        while (end > start && IsWhiteSpace(value[end - 1]))
        {
            end--;
        }

        return value.Slice(start, end - start);
    }

    /// <summary>
    /// Writes a port (0-65535) in decimal: two digits per table read and no loop, for the two ports of every output row.
    /// False when <paramref name="destination"/> is too small for the digits. When it has room for eight bytes, all
    /// five digit positions are built in one word and stored at once, so the bytes after the digits (up to the eighth)
    /// may be overwritten: callers write on after <paramref name="bytesWritten"/>.
    /// </summary>
    public static bool TryFormatPort(ushort value, Span<byte> destination, out int bytesWritten)
    {
        uint v = value;

        // Counted without branches: the digit count changes from port to port (client 5, server 2-4).
        int length = 1 + (v >= 10 ? 1 : 0) + (v >= 100 ? 1 : 0) + (v >= 1000 ? 1 : 0) + (v >= 10000 ? 1 : 0);
        if (destination.Length >= 8 && BitConverter.IsLittleEndian)
        {
            // The five digits (leading zeros included) as bytes 0-4 of one word: the first from the ten-thousands,
            // then two pairs from the table; shifted right past the leading zeros.
            uint hundreds = v / 100;
            uint top = hundreds / 100;
            ref byte table = ref MemoryMarshal.GetReference(DigitPairs);
            ulong word = ('0' + top)
                | ((ulong)Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref table, (nint)((hundreds - (top * 100)) * 2))) << 8)
                | ((ulong)Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref table, (nint)((v - (hundreds * 100)) * 2))) << 24);
            Unsafe.WriteUnaligned(ref MemoryMarshal.GetReference(destination), word >> ((5 - length) * 8));
            bytesWritten = length;
            return true;
        }

        bytesWritten = 0;
        if (destination.Length < length)
        {
            return false;
        }

        ReadOnlySpan<byte> pairs = DigitPairs;
        int i = length;
        while (v >= 100)
        {
            uint pair = (v % 100) * 2;
            v /= 100;
            destination[--i] = pairs[(int)pair + 1];
            destination[--i] = pairs[(int)pair];
        }

        if (v >= 10)
        {
            destination[1] = pairs[(int)(v * 2) + 1];
            destination[0] = pairs[(int)(v * 2)];
        }
        else
        {
            destination[0] = (byte)('0' + v);
        }

        bytesWritten = length;
        return true;
    }

    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>True for text that means "no value": empty, blank, <c>-</c> (Zeek, W3C logs) or <c>(empty)</c> (Zeek).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // once per value bound
    public static bool IsUnset(ReadOnlySpan<byte> trimmed) => trimmed.Length switch
    {
        0 => true,
        1 => trimmed[0] == (byte)'-',
        7 => EqualsLower(trimmed, "(empty)"),
        _ => false,
    };

    /// <summary>ASCII case-insensitive comparison with a lower-case literal.</summary>
    public static bool EqualsLower(ReadOnlySpan<byte> value, string lower)
    {
        if (value.Length != lower.Length)
        {
            return false;
        }

        for (int i = 0; i < value.Length; i++)
        {
            int b = value[i];
            if (b is >= 'A' and <= 'Z')
            {
                b |= 0x20;
            }

            if (b != lower[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ASCII case-insensitive equality of two strings.</summary>
    public static bool EqualsIgnoreCase(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>Lower-cases ASCII into <paramref name="destination"/>; false when too long.</summary>
    public static bool TryToLower(ReadOnlySpan<byte> value, Span<byte> destination, out int length)
    {
        length = value.Length;
        if (value.Length > destination.Length)
        {
            return false;
        }

        for (int i = 0; i < value.Length; i++)
        {
            byte b = value[i];
            destination[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        }

        return true;
    }

    /// <summary>Parses unsigned decimal digits (no sign, no spaces) up to <paramref name="max"/>.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> digits, ulong max, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 20)
        {
            return false;
        }

        if (digits.Length < 20)
        {
            // Fewer than 20 digits cannot overflow 64 bits: accumulate, then compare once (no division per digit).
            ulong total = 0;
            for (int i = 0; i < digits.Length; i++)
            {
                uint d = (uint)(digits[i] - '0');
                if (d > 9)
                {
                    return false;
                }

                total = (total * 10) + d;
            }

            if (total > max)
            {
                return false;
            }

            value = total;
            return true;
        }

        for (int i = 0; i < digits.Length; i++)
        {
            uint d = (uint)(digits[i] - '0');
            if (d > 9)
            {
                value = 0;
                return false;
            }

            if (value > (max - d) / 10)
            {
                value = 0;
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    /// <summary>Parses hex digits (no prefix) up to <paramref name="max"/>.</summary>
    public static bool TryParseHex(ReadOnlySpan<byte> digits, ulong max, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 16)
        {
            return false;
        }

        for (int i = 0; i < digits.Length; i++)
        {
            int b = digits[i];
            int d = b switch
            {
                >= '0' and <= '9' => b - '0',
                >= 'a' and <= 'f' => b - 'a' + 10,
                >= 'A' and <= 'F' => b - 'A' + 10,
                _ => -1,
            };
            if (d < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)d;
            if (value > max)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Copies ASCII chars to bytes; false when a char is not ASCII or the text does not fit.</summary>
    public static bool TryNarrow(ReadOnlySpan<char> chars, Span<byte> destination, out int length)
    {
        length = chars.Length;
        if (chars.Length > destination.Length)
        {
            return false;
        }

        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (c > 0x7F)
            {
                return false;
            }

            destination[i] = (byte)c;
        }

        return true;
    }

    /// <summary>Number of UTF-8 bytes for the chars (at most 3 per char).</summary>
    public static int MaxUtf8Length(int chars) => chars * 3;

    /// <summary>Transcodes chars to UTF-8; returns the byte count.</summary>
    public static unsafe int ToUtf8(ReadOnlySpan<char> chars, Span<byte> destination)
    {
        if (chars.IsEmpty)
        {
            return 0;
        }

        fixed (char* c = chars)
        fixed (byte* b = destination)
        {
            return Encoding.UTF8.GetBytes(c, chars.Length, b, destination.Length);
        }
    }

    /// <summary>Decodes UTF-8 to a string (invalid sequences become U+FFFD); for messages, not hot paths.</summary>
    public static unsafe string ToString(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        fixed (byte* b = utf8)
        {
            return Encoding.UTF8.GetString(b, utf8.Length);
        }
    }
}
