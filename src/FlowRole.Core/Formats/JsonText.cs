using System;

namespace FlowRole.Formats;

/// <summary>Writes JSON strings from UTF-8 (escaping quotes, backslashes and control characters; invalid UTF-8 becomes U+FFFD).</summary>
internal static class JsonText
{
    private static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();

#if NET
    // Bytes a JSON string cannot hold as they are: controls, quote, backslash, and non-ASCII (validated as UTF-8).
    private static readonly System.Buffers.SearchValues<byte> Special = System.Buffers.SearchValues.Create(BuildSpecial());
#endif

    public static void WriteString(Utf8Output output, ReadOnlySpan<byte> value)
    {
        output.Write((byte)'"');
#if NET
        // Most values need no escaping: find the first byte that might, with a vectorised search.
        int i = value.IndexOfAny(Special);
        if (i < 0)
        {
            output.Write(value);
            output.Write((byte)'"');
            return;
        }
#else
        int i = 0;
#endif
        int start = 0;
        while (i < value.Length)
        {
            byte b = value[i];
            if (b >= 0x20 && b != (byte)'"' && b != (byte)'\\' && b < 0x80)
            {
                i++;
                continue;
            }

            if (b >= 0x80)
            {
                int length = ValidSequenceLength(value.Slice(i));
                if (length > 0)
                {
                    i += length;
                    continue;
                }
            }

            output.Write(value.Slice(start, i - start));
            switch (b)
            {
                case (byte)'"': output.Write("\\\""u8); break;
                case (byte)'\\': output.Write("\\\\"u8); break;
                case (byte)'\n': output.Write("\\n"u8); break;
                case (byte)'\r': output.Write("\\r"u8); break;
                case (byte)'\t': output.Write("\\t"u8); break;
                default:
                    if (b >= 0x80)
                    {
                        output.Write("\\ufffd"u8);
                    }
                    else
                    {
                        output.Write("\\u00"u8);
                        output.Write(Hex[b >> 4]);
                        output.Write(Hex[b & 0xF]);
                    }

                    break;
            }

            i++;
            start = i;
        }

        output.Write(value.Slice(start));
        output.Write((byte)'"');
    }

#if NET
    private static byte[] BuildSpecial()
    {
        var bytes = new System.Collections.Generic.List<byte>();
        for (int b = 0; b < 256; b++)
        {
            if (b < 0x20 || b == '"' || b == '\\' || b >= 0x80)
            {
                bytes.Add((byte)b);
            }
        }

        return bytes.ToArray();
    }
#endif

    /// <summary>True when the bytes are well-formed UTF-8 (JSON text must be; a raw input record may not be).</summary>
    public static bool IsValidUtf8(ReadOnlySpan<byte> text)
    {
#if NET
        return System.Text.Unicode.Utf8.IsValid(text);
#else
        for (int i = 0; i < text.Length;)
        {
            if (text[i] < 0x80)
            {
                i++;
                continue;
            }

            int length = ValidSequenceLength(text.Slice(i));
            if (length == 0)
            {
                return false;
            }

            i += length;
        }

        return true;
#endif
    }

    /// <summary>Length of the well-formed UTF-8 sequence at the start, or 0.</summary>
    private static int ValidSequenceLength(ReadOnlySpan<byte> s)
    {
        byte b = s[0];
        int length;
        int min;
        if (b is >= 0xC2 and <= 0xDF)
        {
            length = 2;
            min = 0x80;
        }
        else if (b is >= 0xE0 and <= 0xEF)
        {
            length = 3;
            min = 0x800;
        }
        else if (b is >= 0xF0 and <= 0xF4)
        {
            length = 4;
            min = 0x10000;
        }
        else
        {
            return 0;
        }

        if (s.Length < length)
        {
            return 0;
        }

        int code = b & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++)
        {
            if ((s[k] & 0xC0) != 0x80)
            {
                return 0;
            }

            code = (code << 6) | (s[k] & 0x3F);
        }

        return code < min || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF ? 0 : length;
    }
}
