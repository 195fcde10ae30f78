using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using FlowRole.Fields;

namespace FlowRole.Formats;

/// <summary>
/// CSV output: a header of the input columns then the output contract, one line per row (LF line ends), fields
/// quoted when they hold a comma, quote or line break, multivalue fields joined with <c>;</c>.
/// </summary>
internal sealed class CsvFlowWriter : FlowWriter
{
    private static readonly byte[] Special = { (byte)',', (byte)'"', (byte)'\r', (byte)'\n' };

    private const int FastPathBytes = 4096;

    private readonly string[] _columns;
    private IReadOnlyList<string>? _mappedColumns;
    private int _mappedVersion = -1;
    private int[] _map = Array.Empty<int>();

    public CsvFlowWriter(Stream output, FlowResultFormatter formatter, IReadOnlyList<string> inputColumns, bool leaveOpen, string fieldPrefix, bool header)
        : base(output, formatter, leaveOpen)
    {
        _columns = new string[inputColumns.Count];
        for (int i = 0; i < _columns.Length; i++)
        {
            _columns[i] = inputColumns[i];
        }

        if (!header)
        {
            return;
        }

        bool first = true;
        foreach (string name in _columns)
        {
            Separator(ref first);
            WriteValue(Encoding.UTF8.GetBytes(name));
        }

        foreach (OutputField field in OutputContract.AllFields)
        {
            Separator(ref first);
            WriteValue(Encoding.UTF8.GetBytes(fieldPrefix + OutputContract.NameOf(field)));
        }

        Output.Write((byte)'\n');
    }

    public override OutputFormat Format => OutputFormat.Csv;

    private protected override void WriteRow(IFlowRow row, in FlowResult result, string? error, ReadOnlySpan<byte> communityId, bool hasCommunityId)
    {
        int[] map = MapFor(row);
        ReadOnlySpan<byte> data = row.RowData;
        ReadOnlySpan<Cell> cells = row.Cells;
        bool first = true;
        if (map.Length > 0 && IndexOfSpecial(data) < 0)
        {
            // No value of the row needs quoting (one search over all of them): copy them, comma separated.
            Span<byte> span = Output.GetSpan(data.Length + map.Length);
            int n = 0;
            for (int j = 0; j < map.Length; j++)
            {
                if (j > 0)
                {
                    span[n++] = (byte)',';
                }

                int i = map[j];
                if ((uint)i < (uint)cells.Length && !cells[i].IsMissing)
                {
                    ReadOnlySpan<byte> value = cells[i].Slice(data);
                    value.CopyTo(span.Slice(n));
                    n += value.Length;
                }
            }

            Output.Advance(n);
            first = false;
        }
        else
        {
            for (int j = 0; j < map.Length; j++)
            {
                Separator(ref first);
                int i = map[j];
                if ((uint)i < (uint)cells.Length && !cells[i].IsMissing)
                {
                    WriteValue(cells[i].Slice(data));
                }
            }
        }

        if (error is null && !Formatter.MayNeedQuoting)
        {
            // Fast path: every classification field in one pass, straight into the output buffer.
            Span<byte> span = Output.GetSpan(FastPathBytes);
            int lead = first ? 0 : 1;
            span[0] = (byte)',';
            int written = Formatter.WriteDelimited(result, span.Slice(lead, span.Length - lead - 2), (byte)',', communityId, hasCommunityId);
            if (written >= 0)
            {
                // The empty flowrole_error, then the line end.
                span[lead + written] = (byte)',';
                span[lead + written + 1] = (byte)'\n';
                Output.Advance(lead + written + 2);
                return;
            }

            // Unusually long values (many findings): the field-by-field path below.
        }

        IReadOnlyList<OutputField> fields = OutputContract.ClassificationFields;
        for (int f = 0; f < fields.Count; f++)
        {
            Separator(ref first);
            if (error is not null)
            {
                continue;
            }

            OutputField field = fields[f];
            if (OutputContract.IsMultivalue(field))
            {
                WriteJoined(field, result);
                continue;
            }

            // Single values are addresses, numbers, names and base64: never a comma, quote or line break, so they
            // are formatted straight into the output buffer.
            Span<byte> span = Output.GetSpan(FlowResultFormatter.MaxSingleValueLength);
            if (Formatter.TryFormat(field, result, span, out int n, communityId, hasCommunityId))
            {
                Output.Advance(n);
            }
        }

        Separator(ref first);
        if (error is not null)
        {
            WriteValue(Encoding.UTF8.GetBytes(error));
        }

        Output.Write((byte)'\n');
    }

    private void WriteJoined(OutputField field, in FlowResult result)
    {
        if (result.Verdict.Matches.IsEmpty)
        {
            return;
        }

        // Few values, usually none: quote the whole cell if any value needs it (policy ids never do).
        bool quote = false;
        OutputValueEnumerator values = Formatter.GetValues(field, result);
        if (Formatter.MayNeedQuoting)
        {
            while (values.MoveNext())
            {
                quote |= values.Current.IndexOfAny(Special) >= 0;
            }

            values = Formatter.GetValues(field, result);
        }

        if (quote)
        {
            Output.Write((byte)'"');
        }

        bool first = true;
        while (values.MoveNext())
        {
            if (!first)
            {
                Output.Write((byte)OutputContract.MultivalueSeparator);
            }

            first = false;
            if (quote)
            {
                WriteEscaped(values.Current);
            }
            else
            {
                Output.Write(values.Current);
            }
        }

        if (quote)
        {
            Output.Write((byte)'"');
        }
    }

    private void Separator(ref bool first)
    {
        if (!first)
        {
            Output.Write((byte)',');
        }

        first = false;
    }

#if NET
    private static readonly System.Buffers.SearchValues<byte> SpecialValues = System.Buffers.SearchValues.Create(",\"\r\n"u8);

    private static int IndexOfSpecial(ReadOnlySpan<byte> value) => value.IndexOfAny(SpecialValues);
#else
    private static int IndexOfSpecial(ReadOnlySpan<byte> value) => value.IndexOfAny(Special);
#endif

    private void WriteValue(ReadOnlySpan<byte> value)
    {
        if (IndexOfSpecial(value) < 0)
        {
            Output.Write(value);
            return;
        }

        Output.Write((byte)'"');
        WriteEscaped(value);
        Output.Write((byte)'"');
    }

    private void WriteEscaped(ReadOnlySpan<byte> value)
    {
        int q;
        while ((q = value.IndexOf((byte)'"')) >= 0)
        {
            Output.Write(value.Slice(0, q + 1));
            Output.Write((byte)'"');
            value = value.Slice(q + 1);
        }

        Output.Write(value);
    }

    private int[] MapFor(IFlowRow row)
    {
        IReadOnlyList<string> columns = row.Columns;
        if (ReferenceEquals(columns, _mappedColumns) && row.ColumnsVersion == _mappedVersion)
        {
            return _map;
        }

        var map = new int[_columns.Length];
        for (int j = 0; j < map.Length; j++)
        {
            map[j] = -1;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++)
        {
            seen.TryGetValue(columns[i], out int occurrence);
            seen[columns[i]] = occurrence + 1;
            int j = IndexOfOccurrence(_columns, columns[i], occurrence);
            if (j < 0)
            {
                // The caller must merge every input's columns before writing the header.
                throw new InvalidOperationException("Column '" + columns[i] + "' of " + row.SourceName + " is not in the CSV header.");
            }

            map[j] = i;
        }

        _mappedColumns = columns;
        _mappedVersion = row.ColumnsVersion;
        _map = map;
        return map;
    }
}
