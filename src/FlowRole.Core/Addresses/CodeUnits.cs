using System;
using System.Runtime.CompilerServices;

namespace FlowRole.Addresses;

/// <summary>
/// Reads and writes ASCII code units in UTF-16 (<see cref="char"/>) or UTF-8 (<see cref="byte"/>) spans, so one
/// generic parser or formatter serves both encodings. The JIT specialises each instantiation and folds the type tests.
/// </summary>
internal static class CodeUnits
{
    /// <summary>The code unit at <paramref name="index"/> as an integer (a UTF-8 byte or a UTF-16 char).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int At<T>(ReadOnlySpan<T> text, int index)
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            return Unsafe.As<T, byte>(ref Unsafe.AsRef(in text[index]));
        }

        if (typeof(T) == typeof(char))
        {
            return Unsafe.As<T, char>(ref Unsafe.AsRef(in text[index]));
        }

        throw new NotSupportedException("Only UTF-8 bytes and UTF-16 chars are supported.");
    }

    /// <summary>Stores an ASCII character at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set<T>(Span<T> destination, int index, char ascii)
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            Unsafe.As<T, byte>(ref destination[index]) = (byte)ascii;
        }
        else if (typeof(T) == typeof(char))
        {
            Unsafe.As<T, char>(ref destination[index]) = ascii;
        }
        else
        {
            throw new NotSupportedException("Only UTF-8 bytes and UTF-16 chars are supported.");
        }
    }

    /// <summary>Copies ASCII chars into a char or UTF-8 destination; false (nothing written) when it is too short.</summary>
    public static bool TryCopy<T>(ReadOnlySpan<char> ascii, Span<T> destination, out int written)
        where T : unmanaged
    {
        if (ascii.Length > destination.Length)
        {
            written = 0;
            return false;
        }

        for (int i = 0; i < ascii.Length; i++)
        {
            Set(destination, i, ascii[i]);
        }

        written = ascii.Length;
        return true;
    }

    /// <summary>
    /// The text as a string for an error message: UTF-8 decoded leniently, cut to <paramref name="maxChars"/>
    /// characters with an ellipsis so a megabyte of junk does not end up in a log line.
    /// </summary>
    public static string ToDisplayString<T>(ReadOnlySpan<T> text, int maxChars = 80)
        where T : unmanaged
    {
        string s;
        if (typeof(T) == typeof(byte))
        {
            ReadOnlySpan<byte> utf8 = System.Runtime.InteropServices.MemoryMarshal.AsBytes(text);
            int take = Math.Min(utf8.Length, maxChars * 4);
            s = System.Text.Encoding.UTF8.GetString(utf8.Slice(0, take).ToArray());
        }
        else
        {
            ReadOnlySpan<char> chars = System.Runtime.InteropServices.MemoryMarshal.Cast<T, char>(text);
            s = chars.Slice(0, Math.Min(chars.Length, maxChars + 1)).ToString();
        }

        return s.Length > maxChars ? s.Substring(0, maxChars) + "…" : s;
    }

    /// <summary>A code unit shown in an error message: the character when printable ASCII, else its number.</summary>
    public static string Describe<T>(int unit)
        where T : unmanaged
    {
        if (unit > 0x20 && unit < 0x7F)
        {
            return "'" + ((char)unit).ToString() + "'";
        }

        if (unit == ' ')
        {
            return "a space";
        }

        return typeof(T) == typeof(byte) && unit >= 0x80
            ? "byte 0x" + unit.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)
            : "U+" + unit.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
    }
}
