using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using FlowRole.Fields;

namespace FlowRole.Formats;

/// <summary>
/// CSV (RFC 4180: quoted fields with doubled quotes and embedded newlines, CRLF or LF, BOM) and TSV (no quoting)
/// with a header row. Blank lines carry no data and are skipped. A quote inside an unquoted field is kept as text,
/// as most producers mean it. Text after a closing quote, an unterminated quote (read again as plain text up to the
/// line end) and a wrong field count are reported on the row.
/// </summary>
internal sealed class DelimitedReader : FlowReader
{
    private readonly byte _delimiter;
    private readonly bool _quoted;
    private string[] _header = Array.Empty<string>();
    private bool _headerRead;

    /// <summary>Creates a reader; use <see cref="FlowReader.Open"/> to detect the format instead.</summary>
    public DelimitedReader(Stream stream, ReadOnlySpan<byte> prefix, string? sourceName, bool leaveOpen, byte delimiter, bool quoted)
        : base(stream, prefix, sourceName, leaveOpen)
    {
        _delimiter = delimiter;
        _quoted = quoted;
    }

    private enum Status
    {
        Row,
        Blank,
        NeedMore,
        End,
        Unterminated,
        TooWide,
    }

    /// <inheritdoc/>
    public override InputFormat Format => _quoted ? InputFormat.Csv : InputFormat.Tsv;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Columns => _header;

    /// <inheritdoc/>
    protected override bool ReadRow()
    {
        if (!_headerRead)
        {
            _headerRead = true;
            bool any = ReadPhysicalRow();
            if (any && RowError is not null && CellCount == 0)
            {
                // The header line itself was over a cap and skipped: say so on a row of its own (the data rows
                // then report their values as extra fields, so nothing is lost).
                RowError += " (it was the header, so the input has no columns)";
                ColumnsVersion++;
                ColumnsAreFinal = true;
                return true;
            }

            if (any)
            {
                var names = new string[CellCount];
                for (int i = 0; i < names.Length; i++)
                {
                    names[i] = AsciiText.ToString(Cells[i].Slice(RowData));
                }

                _header = names;
            }

            ColumnsVersion++;
            ColumnsAreFinal = true;
            if (!any)
            {
                return false;
            }

            RowError = null;
            RowLength = 0;
            CellCount = 0;
        }

        if (!ReadPhysicalRow())
        {
            return false;
        }

        if (RowError is null && CellCount != _header.Length)
        {
            RowError = FieldCountError();
        }

        return true;
    }

    private string FieldCountError()
    {
        string message = "line " + LineNumber.ToString(CultureInfo.InvariantCulture) + ": "
            + CellCount.ToString(CultureInfo.InvariantCulture) + (CellCount == 1 ? " field" : " fields")
            + " where the header has " + _header.Length.ToString(CultureInfo.InvariantCulture);
        if (CellCount > _header.Length)
        {
            // The extra values have no column to go to: keep them in the message so nothing is lost.
            var extra = new System.Text.StringBuilder();
            for (int i = _header.Length; i < CellCount; i++)
            {
                extra.Append(i == _header.Length ? " (extra: '" : ", '").Append(AsciiText.ToString(Cells[i].Slice(RowData))).Append('\'');
            }

            message += extra.Append(')').ToString();
        }

        return message;
    }

    private bool ReadPhysicalRow()
    {
        while (true)
        {
            Status status = Parse(literalQuotes: false, out int consumed, out int newlines, out int badField);
            switch (status)
            {
                case Status.NeedMore:
                    if (Pending.Length > MaxRowBytes)
                    {
                        // A quote that never closes would swallow the file: read the line as plain text instead.
                        return ReadLiteralLine(badField >= 0 ? badField : CellCount + 1);
                    }

                    FillMore();
                    continue;
                case Status.End:
                    return false;
                case Status.Blank:
                    Position += consumed;
                    CurrentLine += newlines;
                    continue;
                case Status.Unterminated:
                    return ReadLiteralLine(badField);
                case Status.TooWide:
                    return SkipTooWideLine();
                default:
                    LineNumber = CurrentLine;
                    Position += consumed;
                    CurrentLine += newlines;
                    if (badField >= 0)
                    {
                        RowError = "line " + LineNumber.ToString(CultureInfo.InvariantCulture) + ": text after the closing quote of field "
                            + badField.ToString(CultureInfo.InvariantCulture) + " (kept as part of the field)";
                    }

                    return true;
            }
        }
    }

    private bool SkipTooWideLine()
    {
        LineNumber = CurrentLine;
        RowLength = 0;
        CellCount = 0;
        SkipLine();
        RowError = "line " + LineNumber.ToString(CultureInfo.InvariantCulture) + ": more than "
            + MaxColumns.ToString("N0", CultureInfo.InvariantCulture) + " columns (fields), the most a reader holds; the line was skipped";
        return true;
    }

    private bool ReadLiteralLine(int quotedField)
    {
        while (true)
        {
            Status status = Parse(literalQuotes: true, out int consumed, out int newlines, out _);
            if (status == Status.NeedMore && Pending.Length <= MaxRowBytes && FillMore())
            {
                continue;
            }

            if (status == Status.TooWide)
            {
                return SkipTooWideLine();
            }

            LineNumber = CurrentLine;
            if (status is Status.Row or Status.Blank)
            {
                Position += consumed;
                CurrentLine += newlines;
                RowError = "line " + LineNumber.ToString(CultureInfo.InvariantCulture) + ": unterminated quoted field "
                    + quotedField.ToString(CultureInfo.InvariantCulture) + "; the line was read without quote processing";
                return true;
            }

            // Even the line has no end within the limit.
            RowLength = 0;
            CellCount = 0;
            TryTakeLine(out _, out int taken, out _);
            Position += taken;
            CurrentLine++;
            RowError = "line " + LineNumber.ToString(CultureInfo.InvariantCulture) + ": longer than "
                + (MaxRowBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB; the line was skipped";
            return true;
        }
    }

    private Status Parse(bool literalQuotes, out int consumed, out int newlines, out int badField)
    {
        RowLength = 0;
        CellCount = 0;
        consumed = 0;
        newlines = 0;
        badField = -1;
        ReadOnlySpan<byte> s = Pending;
        bool final = AtEndOfStream;
        if (s.IsEmpty)
        {
            return final ? Status.End : Status.NeedMore;
        }

        byte delimiter = _delimiter;
        int i = 0;
        while (true)
        {
            if (CellCount == MaxColumns)
            {
                // A field past the cap: stop before the cells (and the re-parses as more input arrives) grow with it.
                return Status.TooWide;
            }

            int fieldNumber = CellCount + 1;
            if (_quoted && !literalQuotes && i < s.Length && s[i] == (byte)'"')
            {
                int valueStart = RowLength;
                i++;
                while (true)
                {
                    int q = s.Slice(i).IndexOf((byte)'"');
                    if (q < 0)
                    {
                        badField = fieldNumber;
                        return final ? Status.Unterminated : Status.NeedMore;
                    }

                    ReadOnlySpan<byte> segment = s.Slice(i, q);
                    newlines += CountNewlines(segment);
                    AppendRowBytes(segment);
                    i += q + 1;
                    if (i < s.Length && s[i] == (byte)'"')
                    {
                        AppendRowBytes(s.Slice(i, 1));
                        i++;
                        continue;
                    }

                    if (i >= s.Length && !final)
                    {
                        badField = fieldNumber;
                        return Status.NeedMore;
                    }

                    break;
                }

                if (i < s.Length && s[i] != delimiter && s[i] != (byte)'\n' && !(s[i] == (byte)'\r' && (i + 1 == s.Length || s[i + 1] == (byte)'\n')))
                {
                    // Text after the closing quote: keep it in the field up to the next delimiter or line end.
                    int j = s.Slice(i).IndexOfAny(delimiter, (byte)'\n');
                    if (j < 0 && !final)
                    {
                        return Status.NeedMore;
                    }

                    int len = j < 0 ? s.Length - i : j;
                    ReadOnlySpan<byte> junk = s.Slice(i, len);
                    if (j >= 0 && s[i + j] == (byte)'\n' && len > 0 && junk[len - 1] == (byte)'\r')
                    {
                        junk = junk.Slice(0, len - 1);
                    }

                    AppendRowBytes(junk);
                    i += len;
                    if (badField < 0)
                    {
                        badField = fieldNumber;
                    }
                }

                AddParsedCell(valueStart);
                if (i >= s.Length)
                {
                    consumed = i;
                    return Status.Row;
                }

                byte c = s[i];
                if (c == delimiter)
                {
                    i++;
                    if (i >= s.Length && !final)
                    {
                        return Status.NeedMore;
                    }

                    if (i >= s.Length)
                    {
                        AddParsedCell(RowLength);
                        consumed = i;
                        return Status.Row;
                    }

                    continue;
                }

                if (c == (byte)'\r')
                {
                    if (i + 1 >= s.Length && !final)
                    {
                        return Status.NeedMore;
                    }

                    i++;
                }

                if (i < s.Length && s[i] == (byte)'\n')
                {
                    i++;
                    newlines++;
                }

                consumed = i;
                return Status.Row;
            }
            else
            {
                ReadOnlySpan<byte> rest = s.Slice(i);
                int j = rest.IndexOfAny(delimiter, (byte)'\n');
                if (j < 0)
                {
                    if (!final)
                    {
                        return Status.NeedMore;
                    }

                    ReadOnlySpan<byte> last = rest;
                    if (!last.IsEmpty && last[last.Length - 1] == (byte)'\r')
                    {
                        last = last.Slice(0, last.Length - 1);
                    }

                    int start = AppendRowBytes(last);
                    AddParsedCell(start);
                    consumed = s.Length;
                    return CellCount == 1 && last.IsEmpty ? Status.Blank : Status.Row;
                }

                ReadOnlySpan<byte> value = rest.Slice(0, j);
                bool lineEnd = rest[j] == (byte)'\n';
                if (lineEnd && !value.IsEmpty && value[value.Length - 1] == (byte)'\r')
                {
                    value = value.Slice(0, value.Length - 1);
                }

                int valueStart = AppendRowBytes(value);
                AddParsedCell(valueStart);
                i += j + 1;
                if (lineEnd)
                {
                    newlines++;
                    consumed = i;
                    return CellCount == 1 && value.IsEmpty ? Status.Blank : Status.Row;
                }

                if (i >= s.Length)
                {
                    if (!final)
                    {
                        return Status.NeedMore;
                    }

                    // A delimiter at the very end of the input: one more, empty field.
                    AddParsedCell(RowLength);
                    consumed = i;
                    return Status.Row;
                }
            }
        }
    }

    private void AddParsedCell(int valueStart) => AddCellAt(valueStart, RowLength - valueStart, CellKind.Text);

    private static int CountNewlines(ReadOnlySpan<byte> segment)
    {
        int n = 0;
        int at;
        while ((at = segment.IndexOf((byte)'\n')) >= 0)
        {
            n++;
            segment = segment.Slice(at + 1);
        }

        return n;
    }
}
