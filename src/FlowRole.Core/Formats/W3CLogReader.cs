using System;
using System.Collections.Generic;
using System.IO;
using FlowRole.Fields;

namespace FlowRole.Formats;

/// <summary>
/// W3C extended log format as the Windows Firewall writes it (pfirewall.log): <c>#Version:</c>,
/// <c>#Software:</c>, <c>#Time Format:</c> and <c>#Fields:</c> headers, values separated by spaces, <c>-</c> for none.
/// </summary>
internal sealed class W3CLogReader : DirectiveLogReader
{
    public W3CLogReader(Stream stream, ReadOnlySpan<byte> prefix, string? sourceName, bool leaveOpen)
        : base(stream, prefix, sourceName, leaveOpen)
    {
    }

    /// <inheritdoc/>
    public override InputFormat Format => InputFormat.WindowsFirewall;

    protected override string FieldsHeaderName => "#Fields:";

    protected override void OnDirective(ReadOnlySpan<byte> line)
    {
        const string Prefix = "#Fields:";
        if (line.Length < Prefix.Length)
        {
            return;
        }

        for (int i = 0; i < Prefix.Length; i++)
        {
            if ((line[i] | 0x20) != (Prefix[i] | 0x20))
            {
                return;
            }
        }

        var names = new List<string>();
        Span<Range32> ranges = stackalloc Range32[64];
        ReadOnlySpan<byte> rest = line.Slice(Prefix.Length);
        int count = Split(rest, ranges);
        if (count > ranges.Length)
        {
            // Past the cap the header is refused whatever its names: do not hold them all.
            ranges = new Range32[Math.Min(count, MaxColumns + 1)];
            count = Math.Min(Split(rest, ranges), ranges.Length);
        }

        for (int i = 0; i < count; i++)
        {
            names.Add(AsciiText.ToString(rest.Slice(ranges[i].Start, ranges[i].Length)));
        }

        SetFields(names);
    }

    protected override int Split(ReadOnlySpan<byte> line, Span<Range32> values)
    {
        // Fields are separated by single spaces; runs of spaces and trailing blanks are tolerated.
        int count = 0, i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is (byte)' ' or (byte)'\t')
            {
                i++;
            }

            if (i >= line.Length)
            {
                return count;
            }

            int start = i;
            while (i < line.Length && line[i] is not ((byte)' ' or (byte)'\t'))
            {
                i++;
            }

            if (count < values.Length)
            {
                values[count] = new Range32(start, i - start);
            }

            count++;
        }
    }
}
