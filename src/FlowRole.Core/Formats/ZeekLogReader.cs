using System;
using System.Collections.Generic;
using System.IO;
using FlowRole.Fields;

namespace FlowRole.Formats;

/// <summary>
/// Zeek's ASCII log format: <c>#separator</c> (with <c>\x09</c> escapes), <c>#fields</c> and <c>#types</c> headers,
/// values separated by the separator. Unset (<c>-</c>) and empty (<c>(empty)</c>) values are kept as written and read
/// as "not given" by the binder.
/// </summary>
internal sealed class ZeekLogReader : DirectiveLogReader
{
    private byte _separator = (byte)'\t';

    public ZeekLogReader(Stream stream, ReadOnlySpan<byte> prefix, string? sourceName, bool leaveOpen)
        : base(stream, prefix, sourceName, leaveOpen)
    {
    }

    /// <inheritdoc/>
    public override InputFormat Format => InputFormat.Zeek;

    protected override string FieldsHeaderName => "#fields";

    protected override void OnDirective(ReadOnlySpan<byte> line)
    {
        if (StartsWith(line, "#separator") && line.Length > 11)
        {
            // "#separator \x09": the one directive written with a space, its value escaped.
            ReadOnlySpan<byte> value = AsciiText.Trim(line.Slice(10));
            if (value.Length == 4 && value[0] == (byte)'\\' && value[1] == (byte)'x'
                && AsciiText.TryParseHex(value.Slice(2), 0xFF, out ulong b))
            {
                _separator = (byte)b;
            }
            else if (value.Length == 1)
            {
                _separator = value[0];
            }

            return;
        }

        if (StartsWith(line, "#fields") && line.Length > 7 && line[7] == _separator)
        {
            var names = new List<string>();
            ReadOnlySpan<byte> rest = line.Slice(8);
            while (true)
            {
                int at = rest.IndexOf(_separator);
                names.Add(AsciiText.ToString(at < 0 ? rest : rest.Slice(0, at)));
                if (at < 0 || names.Count > MaxColumns)
                {
                    break;
                }

                rest = rest.Slice(at + 1);
            }

            SetFields(names);
        }
    }

    protected override int Split(ReadOnlySpan<byte> line, Span<Range32> values)
    {
        int count = 0, start = 0;
        while (true)
        {
            int at = line.Slice(start).IndexOf(_separator);
            int length = at < 0 ? line.Length - start : at;
            if (count < values.Length)
            {
                values[count] = new Range32(start, length);
            }

            count++;
            if (at < 0)
            {
                return count;
            }

            start += at + 1;
        }
    }

    private static bool StartsWith(ReadOnlySpan<byte> line, string ascii)
    {
        if (line.Length < ascii.Length)
        {
            return false;
        }

        for (int i = 0; i < ascii.Length; i++)
        {
            if (line[i] != ascii[i])
            {
                return false;
            }
        }

        return true;
    }
}
