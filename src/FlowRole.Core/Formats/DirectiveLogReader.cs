using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using FlowRole.Fields;

namespace FlowRole.Formats;

/// <summary>
/// Line logs whose header lines start with <c>#</c> and name the fields (Zeek <c>#fields</c>, W3C <c>#Fields:</c>).
/// A later header may name other fields (logs concatenated); the columns are the union, in order of appearance.
/// A header that names a field twice keeps both: the second is column <c>name_2</c> (then <c>_3</c>...), so no value
/// is lost. A header over the column caps is refused with an error row; the previous header stays in force.
/// </summary>
internal abstract class DirectiveLogReader : FlowReader
{
    private readonly ColumnSet _columns = new();
    private int[] _map = Array.Empty<int>();
    private bool _haveFields;
    private string? _directiveError;

    protected DirectiveLogReader(Stream stream, ReadOnlySpan<byte> prefix, string? sourceName, bool leaveOpen)
        : base(stream, prefix, sourceName, leaveOpen)
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Columns => _columns.Names;

    /// <summary>What the header that names fields is called in messages.</summary>
    protected abstract string FieldsHeaderName { get; }

    /// <summary>Handles a <c>#</c> line; calls <see cref="SetFields"/> when it names the fields.</summary>
    protected abstract void OnDirective(ReadOnlySpan<byte> line);

    /// <summary>Splits a data line into value ranges; returns the count (which may exceed the span given).</summary>
    protected abstract int Split(ReadOnlySpan<byte> line, Span<Range32> values);

    /// <summary>
    /// Sets the field names for the following data lines; <paramref name="names"/> may stop after
    /// <see cref="FlowReader.MaxColumns"/> + 1 names (more is refused anyway).
    /// </summary>
    protected void SetFields(List<string> names)
    {
        if (names.Count > MaxColumns)
        {
            _directiveError = "the " + FieldsHeaderName + " header names more than " + MaxColumns.ToString("N0", CultureInfo.InvariantCulture)
                + " fields, the most a reader holds; it was ignored";
            return;
        }

        var map = new int[names.Count];
        var taken = new HashSet<int>();
        Dictionary<string, int>? nextSuffix = null;
        int before = _columns.Count;
        for (int i = 0; i < names.Count; i++)
        {
            // A repeated name gets a column of its own (name_2, name_3...), the same one in every header that repeats
            // it. The next suffix to try is remembered per name, so a header of one name repeated stays linear.
            string name = names[i];
            int column = _columns.Add(name);
            while (column >= 0 && !taken.Add(column))
            {
                nextSuffix ??= new Dictionary<string, int>(StringComparer.Ordinal);
                int n = nextSuffix.TryGetValue(name, out int next) ? next : 2;
                nextSuffix[name] = n + 1;
                column = _columns.Add(name + "_" + n.ToString(CultureInfo.InvariantCulture));
            }

            if (column < 0)
            {
                _directiveError = "the " + FieldsHeaderName + " header takes the columns past " + ColumnSet.CapText
                    + ", the most a reader holds; it was ignored";
                if (_columns.Count != before)
                {
                    ColumnsVersion++;
                }

                return;
            }

            map[i] = column;
        }

        _map = map;
        _haveFields = true;
        if (_columns.Count != before)
        {
            ColumnsVersion++;
        }
    }

    /// <inheritdoc/>
    protected override bool ReadRow()
    {
        Span<Range32> ranges = stackalloc Range32[256];
        while (TryTakeLine(out int length, out int consumed, out bool tooLong))
        {
            long lineNumber = CurrentLine;
            ReadOnlySpan<byte> line = Pending.Slice(0, length);
            if (tooLong)
            {
                Position += consumed;
                CurrentLine++;
                LineNumber = lineNumber;
                ResetCells(_columns.Count);
                RowError = "line " + lineNumber.ToString(CultureInfo.InvariantCulture) + ": longer than "
                    + (MaxRowBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB; the line was skipped";
                return true;
            }

            if (AsciiText.Trim(line).IsEmpty)
            {
                Position += consumed;
                CurrentLine++;
                continue;
            }

            if (line[0] == (byte)'#')
            {
                OnDirective(line);
                Position += consumed;
                CurrentLine++;
                if (_directiveError is not null)
                {
                    // A header that could not be used is reported where it stands, as a row of its own.
                    LineNumber = lineNumber;
                    ResetCells(_columns.Count);
                    RowError = "line " + lineNumber.ToString(CultureInfo.InvariantCulture) + ": " + _directiveError;
                    _directiveError = null;
                    return true;
                }

                continue;
            }

            LineNumber = lineNumber;
            ResetCells(_columns.Count);
            if (!_haveFields)
            {
                RowError = "line " + lineNumber.ToString(CultureInfo.InvariantCulture) + ": data before the " + FieldsHeaderName
                    + " header: '" + AsciiText.ToString(line) + "'";
                Position += consumed;
                CurrentLine++;
                return true;
            }

            int count = Split(line, ranges);
            if (count > MaxColumns)
            {
                Position += consumed;
                CurrentLine++;
                RowError = "line " + lineNumber.ToString(CultureInfo.InvariantCulture) + ": more than "
                    + MaxColumns.ToString("N0", CultureInfo.InvariantCulture) + " columns (fields), the most a reader holds; the line was skipped";
                return true;
            }

            if (count > ranges.Length)
            {
                ranges = new Range32[count];
                count = Split(line, ranges);
            }

            int mapped = Math.Min(count, _map.Length);
            for (int k = 0; k < mapped; k++)
            {
                SetCell(_map[k], line.Slice(ranges[k].Start, ranges[k].Length), CellKind.Text);
            }

            if (count != _map.Length)
            {
                var sb = new StringBuilder();
                sb.Append("line ").Append(lineNumber.ToString(CultureInfo.InvariantCulture)).Append(": ")
                    .Append(count.ToString(CultureInfo.InvariantCulture)).Append(count == 1 ? " field" : " fields")
                    .Append(" where the ").Append(FieldsHeaderName).Append(" header has ")
                    .Append(_map.Length.ToString(CultureInfo.InvariantCulture));
                for (int k = _map.Length; k < count; k++)
                {
                    ReadOnlySpan<byte> extra = line.Slice(ranges[k].Start, ranges[k].Length);
                    sb.Append(k == _map.Length ? " (extra: '" : ", '").Append(AsciiText.ToString(extra)).Append('\'');
                    AddCell(extra, CellKind.Text);
                }

                if (count > _map.Length)
                {
                    sb.Append(')');
                }

                RowError = sb.ToString();
            }

            Position += consumed;
            CurrentLine++;
            return true;
        }

        return false;
    }

    /// <summary>A value's place in a line.</summary>
    protected readonly struct Range32
    {
        public Range32(int start, int length)
        {
            Start = start;
            Length = length;
        }

        public int Start { get; }

        public int Length { get; }
    }
}
