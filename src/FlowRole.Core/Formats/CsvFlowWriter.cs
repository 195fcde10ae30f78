using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using FlowRole.Fields;

namespace FlowRole.Formats;

/// <summary>
/// CSV output: a header of the input columns then the output contract, one line per row (LF line ends), fields
/// quoted when they hold a comma, quote or line break, multivalue fields joined with <c>;</c>. Spreadsheet-safe
/// output (OWASP's CSV injection advice) also quotes every cell, header included, that starts with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return, and puts a single quote <c>'</c> before it, so a
/// spreadsheet shows it as text instead of running it as a formula.
/// </summary>
internal sealed class CsvFlowWriter : FlowWriter
{
    private static readonly byte[] Special = { (byte)',', (byte)'"', (byte)'\r', (byte)'\n' };

    private const int FastPathBytes = 4096;

    private readonly string[] _columns;
    private IReadOnlyList<string>? _mappedColumns;
    private int _mappedVersion = -1;
    private int _mappedCount;
    private int[] _map = Array.Empty<int>();
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);
    private Dictionary<string, int>? _firstIndex;
    private readonly bool _spreadsheetSafe;

    public CsvFlowWriter(Stream output, FlowResultFormatter formatter, IReadOnlyList<string> inputColumns, bool leaveOpen, string fieldPrefix, bool header,
        bool spreadsheetSafe = false)
        : base(output, formatter, leaveOpen)
    {
        _spreadsheetSafe = spreadsheetSafe;
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
        if (error is null && !_spreadsheetSafe && !Formatter.MayNeedQuoting && TryWriteFast(row, map, result, communityId, hasCommunityId))
        {
            return;
        }

        ReadOnlySpan<byte> data = row.RowData;
        ReadOnlySpan<Cell> cells = row.Cells;
        bool first = true;
        if (map.Length > 0 && !_spreadsheetSafe && IndexOfSpecial(data) < 0)
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

        if (error is null && !Formatter.MayNeedQuoting && !_spreadsheetSafe)
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
            Span<byte> span = Output.GetSpan(FlowResultFormatter.MaxSingleValueLength + 3);
            if (Formatter.TryFormat(field, result, span.Slice(0, FlowResultFormatter.MaxSingleValueLength), out int n, communityId, hasCommunityId))
            {
                if (_spreadsheetSafe && n > 0 && IsFormulaStart(span[0]))
                {
                    // Made text in place: '"'' + value + '"' (a single value holds no quote to double).
                    span.Slice(0, n).CopyTo(span.Slice(2));
                    span[0] = (byte)'"';
                    span[1] = (byte)'\'';
                    span[n + 2] = (byte)'"';
                    n += 3;
                }

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

    /// <summary>
    /// The common case in one pass straight into the output buffer: a classified row none of whose input values needs
    /// quoting (one search over all of them), its contract fields with <c>role_basis</c> to <c>severity</c> copied
    /// from the facts cache. False, with nothing written, when a value needs quoting or the fields do not fit (many
    /// findings); the field-by-field path then writes the row.
    /// </summary>
    private bool TryWriteFast(IFlowRow row, int[] map, in FlowResult result, ReadOnlySpan<byte> communityId, bool hasCommunityId)
    {
        ReadOnlySpan<byte> data = row.RowData;
        if (IndexOfSpecial(data) >= 0)
        {
            return false;
        }

        ReadOnlySpan<Cell> cells = row.Cells;
        Span<byte> span = Output.GetSpan(data.Length + map.Length + FastPathBytes);
        int n = 0;
        for (int j = 0; j < map.Length; j++)
        {
            int i = map[j];
            if ((uint)i < (uint)cells.Length && !cells[i].IsMissing)
            {
                ReadOnlySpan<byte> value = cells[i].Slice(data);
                value.CopyTo(span.Slice(n));
                n += value.Length;
            }

            span[n++] = (byte)',';
        }

        // Room for the last ",\n" kept back.
        int fields = Formatter.WriteDelimited(result, span.Slice(n, span.Length - n - 2), (byte)',', communityId, hasCommunityId);
        if (fields < 0)
        {
            return false;
        }

        n += fields;

        // The empty flowrole_error, then the line end.
        span[n] = (byte)',';
        span[n + 1] = (byte)'\n';
        Output.Advance(n + 2);
        return true;
    }

    private void WriteJoined(OutputField field, in FlowResult result)
    {
        if (result.Verdict.Matches.IsEmpty)
        {
            return;
        }

        // Few values, usually none: quote the whole cell if any value needs it (policy ids never do).
        bool quote = false;
        bool formula = false;
        OutputValueEnumerator values = Formatter.GetValues(field, result);
        if (Formatter.MayNeedQuoting || _spreadsheetSafe)
        {
            bool firstValue = true;
            while (values.MoveNext())
            {
                quote |= values.Current.IndexOfAny(Special) >= 0;
                formula |= firstValue && _spreadsheetSafe && !values.Current.IsEmpty && IsFormulaStart(values.Current[0]);
                firstValue = false;
            }

            quote |= formula;
            values = Formatter.GetValues(field, result);
        }

        if (quote)
        {
            Output.Write((byte)'"');
        }

        if (formula)
        {
            Output.Write((byte)'\'');
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

    /// <summary>The first characters OWASP lists as starting a spreadsheet formula (or DDE) in a CSV cell.</summary>
    private static bool IsFormulaStart(byte b) => b is (byte)'=' or (byte)'+' or (byte)'-' or (byte)'@' or (byte)'\t' or (byte)'\r';

    private void WriteValue(ReadOnlySpan<byte> value)
    {
        bool formula = _spreadsheetSafe && !value.IsEmpty && IsFormulaStart(value[0]);
        if (!formula && IndexOfSpecial(value) < 0)
        {
            Output.Write(value);
            return;
        }

        Output.Write(formula ? "\"'"u8 : "\""u8);
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

        // The same list grown at its end (IFlowRow: a reader's columns only grow) maps just the new columns, or a reader
        // whose every JSON record adds a key would make this quadratic.
        int from = ReferenceEquals(columns, _mappedColumns) && columns.Count >= _mappedCount ? _mappedCount : 0;
        int[] map = _map;
        if (from == 0)
        {
            map = new int[_columns.Length];
            for (int j = 0; j < map.Length; j++)
            {
                map[j] = -1;
            }

            _occurrences.Clear();
        }

        Dictionary<string, int> seen = _occurrences;
        for (int i = from; i < columns.Count; i++)
        {
            seen.TryGetValue(columns[i], out int occurrence);
            seen[columns[i]] = occurrence + 1;
            int j = occurrence == 0 ? FirstIndexOf(columns[i]) : IndexOfOccurrence(_columns, columns[i], occurrence);
            if (j < 0)
            {
                // The caller must merge every input's columns before writing the header.
                throw new InvalidOperationException("Column '" + columns[i] + "' of " + row.SourceName + " is not in the CSV header.");
            }

            map[j] = i;
        }

        _mappedColumns = columns;
        _mappedVersion = row.ColumnsVersion;
        _mappedCount = columns.Count;
        _map = map;
        return map;
    }

    /// <summary>Where a name first stands in the header: hashed, since a wide header scanned per column is quadratic.</summary>
    private int FirstIndexOf(string name)
    {
        if (_firstIndex is null)
        {
            _firstIndex = new Dictionary<string, int>(_columns.Length, StringComparer.Ordinal);
            for (int i = _columns.Length - 1; i >= 0; i--)
            {
                _firstIndex[_columns[i]] = i;
            }
        }

        return _firstIndex.TryGetValue(name, out int j) ? j : -1;
    }
}
