using System;
using System.Buffers;

namespace FlowRole.Splunk.Csv;

/// <summary>
/// Builds one multivalue field for Splunk: the plain column holds the values joined by LF, and the <c>__mv_f</c>
/// column holds <c>$v1$;$v2$</c> with every <c>$</c> doubled. A single value leaves the <c>__mv_</c> column empty, as
/// splunkd does. Reused from record to record.
/// </summary>
public sealed class MultivalueBuilder
{
    private readonly ArrayBufferWriter<byte> _joined = new(256);
    private readonly ArrayBufferWriter<byte> _encoded = new(256);

    /// <summary>The number of values added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The plain column: the values joined by LF.</summary>
    public ReadOnlySpan<byte> Joined => _joined.WrittenSpan;

    /// <summary>The <c>__mv_</c> column: empty unless there are two or more values.</summary>
    public ReadOnlySpan<byte> Encoded => Count > 1 ? _encoded.WrittenSpan : default;

    /// <summary>Forgets the values.</summary>
    public void Clear()
    {
        _joined.ResetWrittenCount();
        _encoded.ResetWrittenCount();
        Count = 0;
    }

    /// <summary>Adds a value.</summary>
    public void Add(ReadOnlySpan<byte> value)
    {
        if (Count > 0)
        {
            Append(_joined, "\n"u8);
            Append(_encoded, ";"u8);
        }

        Append(_joined, value);
        Append(_encoded, "$"u8);
        while (!value.IsEmpty)
        {
            int dollar = value.IndexOf((byte)'$');
            if (dollar < 0)
            {
                Append(_encoded, value);
                break;
            }

            Append(_encoded, value[..(dollar + 1)]);
            Append(_encoded, "$"u8);
            value = value[(dollar + 1)..];
        }

        Append(_encoded, "$"u8);
        Count++;
    }

    /// <summary>Counts the items of an encoded <c>__mv_</c> value (<c>$a$;$b$</c>); 0 for an empty value.</summary>
    public static int CountEncoded(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            return 0;
        }

        int count = 0;
        bool inside = false;
        for (int i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] != (byte)'$')
            {
                continue;
            }

            if (inside && i + 1 < encoded.Length && encoded[i + 1] == (byte)'$')
            {
                i++; // "$$" inside an item is an escaped "$"
                continue;
            }

            if (!inside)
            {
                count++;
            }

            inside = !inside;
        }

        return count;
    }

    private static void Append(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(writer.GetSpan(bytes.Length));
        writer.Advance(bytes.Length);
    }
}
