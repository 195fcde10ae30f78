using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlowRole.Addresses;

namespace FlowRole.Text;

/// <summary>
/// ASCII scanning over UTF-16 chars or UTF-8 bytes for the alert-text readers: one generic implementation, which the
/// JIT specialises per encoding (see <see cref="CodeUnits"/>). Allocation-free.
/// </summary>
internal static class TextUnits
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int At<T>(ReadOnlySpan<T> text, int index)
        where T : unmanaged => CodeUnits.At(text, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(int c) => (uint)(c - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLetter(int c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHex(int c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 5;

    /// <summary>Letters, digits and '_': the characters of a label or key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWord(int c) => IsDigit(c) || IsLetter(c) || c == '_';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSpace(int c) => c is ' ' or '\t' or '\r' or '\n' or '\f' or '\v';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Lower(int c) => (uint)(c - 'A') <= 'Z' - 'A' ? c | 0x20 : c;

    /// <summary>The first index of an ASCII needle at or after <paramref name="from"/>, or -1 (vectorised).</summary>
    public static int IndexOf<T>(ReadOnlySpan<T> text, Needle needle, int from = 0)
        where T : unmanaged
    {
        if ((uint)from > (uint)text.Length)
        {
            return -1;
        }

        int found;
        if (typeof(T) == typeof(byte))
        {
            found = MemoryMarshal.AsBytes(text.Slice(from)).IndexOf(needle.Utf8);
        }
        else
        {
            found = MemoryMarshal.Cast<T, char>(text.Slice(from)).IndexOf(needle.Chars.AsSpan(), StringComparison.Ordinal);
        }

        return found < 0 ? -1 : found + from;
    }

    /// <summary>True when text[start..start+lower.Length) equals <paramref name="lower"/> ignoring ASCII case.</summary>
    public static bool MatchesLower<T>(ReadOnlySpan<T> text, int start, string lower)
        where T : unmanaged
    {
        if (start < 0 || start + lower.Length > text.Length)
        {
            return false;
        }

        for (int i = 0; i < lower.Length; i++)
        {
            if (Lower(At(text, start + i)) != lower[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when text[start..end) equals <paramref name="lower"/> ignoring ASCII case.</summary>
    public static bool EqualsLower<T>(ReadOnlySpan<T> text, int start, int end, string lower)
        where T : unmanaged => end - start == lower.Length && MatchesLower(text, start, lower);

    /// <summary>True when text[start..start+exact.Length) equals <paramref name="exact"/> (case-sensitive).</summary>
    public static bool Matches<T>(ReadOnlySpan<T> text, int start, string exact)
        where T : unmanaged
    {
        if (start < 0 || start + exact.Length > text.Length)
        {
            return false;
        }

        for (int i = 0; i < exact.Length; i++)
        {
            if (At(text, start + i) != exact[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses decimal digits in [start, end), at most <paramref name="max"/>; false for empty, non-digits or too large.</summary>
    public static bool TryParseNumber<T>(ReadOnlySpan<T> text, int start, int end, uint max, out uint value)
        where T : unmanaged
    {
        value = 0;
        if (end <= start || end - start > 10)
        {
            return false;
        }

        ulong v = 0;
        for (int i = start; i < end; i++)
        {
            int c = At(text, i);
            if (!IsDigit(c))
            {
                return false;
            }

            v = (v * 10) + (uint)(c - '0');
        }

        if (v > max)
        {
            return false;
        }

        value = (uint)v;
        return true;
    }

    /// <summary>The end of the run of digits starting at <paramref name="start"/>.</summary>
    public static int DigitsEnd<T>(ReadOnlySpan<T> text, int start, int end)
        where T : unmanaged
    {
        int i = start;
        while (i < end && IsDigit(At(text, i)))
        {
            i++;
        }

        return i;
    }

    /// <summary>Index of the first non-space at or after <paramref name="start"/>.</summary>
    public static int SkipSpaces<T>(ReadOnlySpan<T> text, int start, int end)
        where T : unmanaged
    {
        while (start < end && IsSpace(At(text, start)))
        {
            start++;
        }

        return start;
    }

    /// <summary>Index of the first space (or <paramref name="end"/>) at or after <paramref name="start"/>.</summary>
    public static int TokenEnd<T>(ReadOnlySpan<T> text, int start, int end)
        where T : unmanaged
    {
        while (start < end && !IsSpace(At(text, start)))
        {
            start++;
        }

        return start;
    }

    /// <summary>Parses an address in [start, end) with Core's strict grammar.</summary>
    public static bool TryParseAddress<T>(ReadOnlySpan<T> text, int start, int end, out IpAddress address)
        where T : unmanaged
    {
        if (end <= start || end - start > IpParser.MaxInputLength)
        {
            address = default;
            return false;
        }

        return IpParser.TryParse(text.Slice(start, end - start), out address, out _) == IpParseStatus.Ok;
    }
}
