using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FlowRole.Formats;

namespace FlowRole.Splunk.Csv;

/// <summary>
/// Reads one chunk's CSV body as splunkd writes it: RFC 4180 quoting (splunkd quotes every value that is not purely
/// alphanumeric), embedded LF and CRLF inside quotes, LF or CRLF record ends, a last row with or without a
/// terminator. Fields are byte spans into the body; quoted fields are unescaped in place, so reading a row allocates
/// nothing. Malformed rows are read as well as they can be and carry <see cref="RowError"/>; they never stop the chunk.
/// </summary>
public sealed class SplunkCsvReader
{
    private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(",\n"u8);

    private Memory<byte> _body;
    private byte[]? _bodyArray;
    private int _bodyOffset;
    private int _position;
    private Cell[] _cells = new Cell[32];

    // Where the current row's cells are when a caller's array holds them (TryReadSimpleRow(Cell[], int)); null: the
    // reader's own.
    private Cell[]? _rowCells;
    private int _rowOffset;
    private int _fieldCount;
    private bool _blankLine;
    private bool _verbatim;

    /// <summary>The header of the current body, or null before <see cref="ReadHeader"/> or for an empty body.</summary>
    public SplunkCsvHeader? Header { get; private set; }

    /// <summary>The number of fields the current row has (it may differ from the header's count on a malformed row).</summary>
    public int FieldCount => _fieldCount;

    /// <summary>The 1-based number of the current data row within the body (the header is row 0).</summary>
    public int RowNumber { get; private set; }

    /// <summary>Why the current row is malformed, or null. The row's fields are still read as well as possible.</summary>
    public string? RowError { get; private set; }

    /// <summary>
    /// True when the current row's fields are still in <see cref="Data"/> exactly as received: the row is well formed,
    /// no quoted field held a doubled quote (unescaping moves bytes), no unquoted field holds a quote, and no CR occurs
    /// inside the row. A run of such fields, from a field's opening quote (if any) to the last one's closing quote, is
    /// then valid CSV for the same values, so writers can copy it as it is instead of writing field by field.
    /// </summary>
    public bool RowVerbatim => _verbatim && RowError is null;

    /// <summary>The body as a span; straight from its array when it has one (cheaper than Memory&lt;T&gt;.Span per row).</summary>
    private Span<byte> Body => _bodyArray is { } array ? array.AsSpan(_bodyOffset, _body.Length) : _body.Span;

    /// <summary>
    /// Whether plain rows take the fast path (on by default; tests turn it off to hold the two paths to the same
    /// results).
    /// </summary>
    internal bool SimpleRows { get; set; } = true;

    /// <summary>Starts reading a new body. The reader unescapes quoted fields in place, so it owns the memory until the next reset.</summary>
    public void Reset(Memory<byte> body)
    {
        _body = body;
        _bodyArray = MemoryMarshal.TryGetArray((ReadOnlyMemory<byte>)body, out ArraySegment<byte> segment) ? segment.Array : null;
        _bodyOffset = segment.Offset;
        _rowCells = null;
        _rowOffset = 0;
        _position = 0;
        _fieldCount = 0;
        RowNumber = 0;
        RowError = null;
        Header = null;
    }

    /// <summary>
    /// Reads the header row. Returns false for an empty body (no header, no records), which splunkd sends for
    /// generating commands and as a final chunk. A malformed header makes the whole body unreadable, so it throws
    /// <see cref="FormatException"/>.
    /// </summary>
    public bool ReadHeader()
    {
        do
        {
            if (!ReadRecord())
            {
                return false;
            }
        }
        while (_blankLine);

        if (RowError is not null)
        {
            throw new FormatException("CSV header: " + RowError);
        }

        var names = new List<byte[]>(_fieldCount);
        for (int i = 0; i < _fieldCount; i++)
        {
            names.Add(Field(i).ToArray());
        }

        Header = new SplunkCsvHeader(names);
        return true;
    }

    /// <summary>
    /// Reads the next data row; false at the end of the body. Blank lines are skipped unless the header has a single
    /// column, where a blank line is a record whose one value is empty.
    /// </summary>
    public bool ReadRow()
    {
        if (Header is null)
        {
            throw new InvalidOperationException("ReadHeader must succeed before ReadRow.");
        }

        _rowCells = null;
        _rowOffset = 0;
        if (SimpleRows && Vector128.IsHardwareAccelerated)
        {
            if (_cells.Length < Header.Count)
            {
                EnsureCells(Header.Count);
            }

            if (TryReadSimpleRow(Header.Count, ref MemoryMarshal.GetArrayDataReference(_cells)))
            {
                RowNumber++;
                return true;
            }
        }

        do
        {
            if (!ReadRecord())
            {
                return false;
            }
        }
        while (_blankLine && Header.Count != 1);

        RowNumber++;
        if (_fieldCount < Header.Count)
        {
            EnsureCells(Header.Count);
            _cells.AsSpan(_fieldCount, Header.Count - _fieldCount).Clear();
        }

        if (RowError is null && _fieldCount != Header.Count)
        {
            RowError = _fieldCount < Header.Count
                ? "CSV row " + RowNumber.ToString(CultureInfo.InvariantCulture) + " has " + _fieldCount.ToString(CultureInfo.InvariantCulture)
                    + " fields but the header has " + Header.Count.ToString(CultureInfo.InvariantCulture) + "; the missing fields are empty"
                : "CSV row " + RowNumber.ToString(CultureInfo.InvariantCulture) + " has " + _fieldCount.ToString(CultureInfo.InvariantCulture)
                    + " fields but the header has " + Header.Count.ToString(CultureInfo.InvariantCulture) + "; the extra fields are dropped";
        }
        else if (RowError is not null)
        {
            RowError = "CSV row " + RowNumber.ToString(CultureInfo.InvariantCulture) + ": " + RowError;
        }

        return true;
    }

    /// <summary>
    /// Reads the next row into <paramref name="destination"/> at <paramref name="offset"/> (one cell per header
    /// column) when it is a plain row the fast path reads, and then it is the current row; otherwise returns false,
    /// having consumed nothing, and <see cref="ReadRow()"/> reads it (or finds the end of the body). Saves copying the
    /// cells of a plain row out of the reader.
    /// </summary>
    internal bool TryReadSimpleRow(Cell[] destination, int offset)
    {
        int columns = Header?.Count ?? throw new InvalidOperationException("ReadHeader must succeed before ReadRow.");
        if (!SimpleRows || !Vector128.IsHardwareAccelerated || (uint)offset > (uint)destination.Length || destination.Length - offset < columns
            || !TryReadSimpleRow(columns, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(destination), offset)))
        {
            return false;
        }

        _rowCells = destination;
        _rowOffset = offset;
        RowNumber++;
        return true;
    }

    /// <summary>A field of the current row, unescaped; empty when the row has fewer fields.</summary>
    public ReadOnlySpan<byte> Field(int index)
    {
        if ((uint)index >= (uint)_fieldCount)
        {
            return default;
        }

        Cell cell = (_rowCells ?? _cells)[_rowOffset + index];
        return Body.Slice(cell.Start, cell.Length);
    }

    /// <summary>The body the current row's <see cref="Cells"/> index into.</summary>
    public ReadOnlySpan<byte> Data => Body;

    /// <summary>
    /// The current row's values as cells over <see cref="Data"/>, one per header column: the shape Core's binder
    /// takes. A short row's missing columns are <see cref="CellKind.Missing"/>; a long row's extra fields are cut.
    /// </summary>
    public ReadOnlySpan<Cell> Cells => (_rowCells ?? _cells).AsSpan(_rowOffset, Header?.Count ?? _fieldCount);

    /// <summary>
    /// The fast path for the rows splunkd sends: exactly <paramref name="columns"/> fields ending in LF, each unquoted
    /// (no quote, no CR) or quoted without a doubled quote or a CR. Each 16 bytes are classified at once and only the
    /// commas, quotes and line ends are visited, where <see cref="ReadRecord"/> goes field by field. Anything else
    /// (a CR, a doubled or stray quote, another field count, the body's last 16 bytes) returns false having changed
    /// nothing, and the row is read by <see cref="ReadRecord"/>, which also words its problems. The cells go to
    /// <paramref name="destination"/>, which has room for <paramref name="columns"/>.
    /// </summary>
    private bool TryReadSimpleRow(int columns, ref Cell destination)
    {
        ReadOnlySpan<byte> span = Body;
        int length = span.Length;
        int pos = _position;
        if (columns >= FlowReader.MaxColumns || length - pos < Vector128<byte>.Count)
        {
            return false;
        }

        // The cells are written through their layout (see RawCell), so that the loop makes no calls (Cell's
        // constructor has a throw path) and keeps its state in registers.
        ref RawCell cells = ref Unsafe.As<Cell, RawCell>(ref destination);
        ref byte data = ref MemoryMarshal.GetReference(span);
        int count = 0;
        int fieldStart = pos;
        int block = pos;
        int lastBlock = length - Vector128<byte>.Count;
        uint mask = Specials(ref data, block);
        while (true)
        {
            while (mask == 0)
            {
                block += Vector128<byte>.Count;
                if (block > lastBlock)
                {
                    return false;
                }

                mask = Specials(ref data, block);
            }

            int at = block + BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            byte c = Unsafe.Add(ref data, at);
            if (c == (byte)',' || c == (byte)'\n')
            {
                if (count == columns)
                {
                    return false;
                }

                Unsafe.Add(ref cells, count++) = new RawCell(fieldStart, at - fieldStart);
                fieldStart = at + 1;
                if (c == (byte)'\n')
                {
                    break;
                }

                continue;
            }

            // A CR anywhere, or a quote that does not open a field, is for the full reader.
            if (c != (byte)'"' || at != fieldStart)
            {
                return false;
            }

            // A quoted field: its closing quote is the next quote, with no CR before it, and a comma or LF after it.
            int close = at + 1;
            while (true)
            {
                if (close > lastBlock)
                {
                    return false;
                }

                Vector128<byte> bytes = Vector128.LoadUnsafe(ref data, (nuint)close);
                uint quotes = Vector128.Equals(bytes, Vector128.Create((byte)'"')).ExtractMostSignificantBits();
                uint crs = Vector128.Equals(bytes, Vector128.Create((byte)'\r')).ExtractMostSignificantBits();
                if (quotes != 0)
                {
                    if ((crs & ((quotes & (0u - quotes)) - 1)) != 0)
                    {
                        return false;
                    }

                    close += BitOperations.TrailingZeroCount(quotes);
                    break;
                }

                if (crs != 0)
                {
                    return false;
                }

                close += Vector128<byte>.Count;
            }

            int next = close + 1;
            if (next >= length || count == columns)
            {
                return false;
            }

            byte after = Unsafe.Add(ref data, next);
            if (after != (byte)',' && after != (byte)'\n')
            {
                return false;
            }

            Unsafe.Add(ref cells, count++) = new RawCell(at + 1, close - at - 1);
            fieldStart = next + 1;
            if (after == (byte)'\n')
            {
                break;
            }

            // Go on after the comma: the bits already taken may stop short of it or run past it.
            block = fieldStart;
            if (block > lastBlock)
            {
                return false;
            }

            mask = Specials(ref data, block);
        }

        if (count != columns)
        {
            return false;
        }

        _fieldCount = count;
        _blankLine = false;
        _verbatim = true;
        RowError = null;
        _position = fieldStart;
        return true;
    }

    /// <summary>The bits of the commas, quotes, CRs and LFs among the 16 bytes at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Specials(ref byte data, int offset)
    {
        Vector128<byte> bytes = Vector128.LoadUnsafe(ref data, (nuint)offset);
        return (Vector128.Equals(bytes, Vector128.Create((byte)','))
            | Vector128.Equals(bytes, Vector128.Create((byte)'\n'))
            | Vector128.Equals(bytes, Vector128.Create((byte)'"'))
            | Vector128.Equals(bytes, Vector128.Create((byte)'\r'))).ExtractMostSignificantBits();
    }

    private bool ReadRecord()
    {
        Span<byte> span = Body;
        int length = span.Length;
        int pos = _position;
        _fieldCount = 0;
        RowError = null;
        if (pos >= length)
        {
            return false;
        }

        _blankLine = span[pos] == (byte)'\n' || (span[pos] == (byte)'\r' && (pos + 1 == length || span[pos + 1] == (byte)'\n'));
        _verbatim = true;
        int rowStart = pos;
        int rowEnd;
        int quoted = 0;
        while (true)
        {
            int start;
            int fieldLength;
            bool endOfRecord;
            if (pos < length && span[pos] == (byte)'"')
            {
                pos = ReadQuoted(span, pos + 1, out start, out fieldLength, out endOfRecord);
                rowEnd = start + fieldLength + 1;
                quoted++;
            }
            else
            {
                start = pos;
                int end = FindUnquotedStop(span, pos);
                fieldLength = end - pos;
                bool atNewline = end < length && span[end] == (byte)'\n';

                // A CR right before the record end belongs to a CRLF terminator, not to the value.
                if (fieldLength > 0 && span[end - 1] == (byte)'\r' && (atNewline || end == length))
                {
                    fieldLength--;
                }

                endOfRecord = end >= length || atNewline;
                pos = end + 1;
                rowEnd = start + fieldLength;
            }

            AddField(start, fieldLength);
            if (endOfRecord)
            {
                break;
            }

            if (_fieldCount == FlowReader.MaxColumns)
            {
                // Core's column cap: past it the record is cut at its line end, before the cells grow with it.
                RowError ??= "more than " + FlowReader.MaxColumns.ToString("N0", CultureInfo.InvariantCulture)
                    + " columns (fields), the most FlowRole reads; the rest of the record was skipped";
                int newline = pos < length ? span[pos..].IndexOf((byte)'\n') : -1;
                pos = newline < 0 ? length : pos + newline + 1;
                break;
            }
        }

        // A CR inside the row (not its CRLF end), or a quote inside an unquoted field (the quotes are then more than
        // two per quoted field), would be copied bare; such rows are written field by field.
        if (_verbatim && RowError is null)
        {
            ReadOnlySpan<byte> row = span[rowStart..Math.Min(rowEnd, length)];
            _verbatim = row.Count((byte)'"') == 2 * quoted && !row.Contains((byte)'\r');
        }

        _position = Math.Min(pos, length);
        return true;
    }

    /// <summary>The position of the next comma or LF at or after <paramref name="pos"/>, or the length when none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FindUnquotedStop(Span<byte> span, int pos)
    {
        // Fields are short (ports, names, empty __mv_ columns): one 16-byte compare usually finds the end.
        if (Vector128.IsHardwareAccelerated && span.Length - pos >= Vector128<byte>.Count)
        {
            Vector128<byte> bytes = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)pos);
            uint mask = (Vector128.Equals(bytes, Vector128.Create((byte)',')) | Vector128.Equals(bytes, Vector128.Create((byte)'\n')))
                .ExtractMostSignificantBits();
            if (mask != 0)
            {
                return pos + BitOperations.TrailingZeroCount(mask);
            }

            int rest = span[(pos + Vector128<byte>.Count)..].IndexOfAny(UnquotedStops);
            return rest < 0 ? span.Length : pos + Vector128<byte>.Count + rest;
        }

        int limit = Math.Min(span.Length, pos + 16);
        for (int i = pos; i < limit; i++)
        {
            byte b = span[i];
            if (b is (byte)',' or (byte)'\n')
            {
                return i;
            }
        }

        if (limit == span.Length)
        {
            return span.Length;
        }

        int stop = span[limit..].IndexOfAny(UnquotedStops);
        return stop < 0 ? span.Length : limit + stop;
    }

    private int ReadQuoted(Span<byte> span, int pos, out int start, out int fieldLength, out bool endOfRecord)
    {
        int length = span.Length;
        start = pos;
        int write = pos;
        int read = pos;
        while (true)
        {
            int quote = IndexOfQuote(span, read);
            if (quote < 0)
            {
                // Unterminated: the rest of the body is this value.
                write = Compact(span, read, length - read, write);
                RowError ??= "a quoted field starting at byte " + (start - 1).ToString(CultureInfo.InvariantCulture) + " is never closed";
                fieldLength = write - start;
                endOfRecord = true;
                return length;
            }

            write = Compact(span, read, quote, write);
            read += quote + 1;
            if (read < length && span[read] == (byte)'"')
            {
                _verbatim = false;
                span[write++] = (byte)'"';
                read++;
                continue;
            }

            break;
        }

        while (true)
        {
            if (read >= length)
            {
                fieldLength = write - start;
                endOfRecord = true;
                return length;
            }

            byte next = span[read];
            if (next == (byte)',')
            {
                fieldLength = write - start;
                endOfRecord = false;
                return read + 1;
            }

            if (next == (byte)'\n')
            {
                fieldLength = write - start;
                endOfRecord = true;
                return read + 1;
            }

            if (next == (byte)'\r' && (read + 1 == length || span[read + 1] == (byte)'\n'))
            {
                fieldLength = write - start;
                endOfRecord = true;
                return read + 2;
            }

            // Text after the closing quote: keep it (as Python's csv module does) but flag the row.
            RowError ??= "unexpected text after the closing quote of a field at byte " + (start - 1).ToString(CultureInfo.InvariantCulture);
            int stop = span[read..].IndexOfAny(UnquotedStops);
            int end = stop < 0 ? length : read + stop;
            int take = end - read;
            if (take > 0 && span[end - 1] == (byte)'\r' && (end == length || span[end] == (byte)'\n'))
            {
                take--;
            }

            write = Compact(span, read, take, write);
            read = end;
        }
    }

    private static int Compact(Span<byte> span, int from, int count, int to)
    {
        if (from != to && count > 0)
        {
            span.Slice(from, count).CopyTo(span[to..]);
        }

        return to + count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddField(int start, int length)
    {
        Cell[] cells = _cells;
        int count = _fieldCount;
        if ((uint)count < (uint)cells.Length)
        {
            cells[count] = Cell.Text(start, length);
            _fieldCount = count + 1;
            return;
        }

        EnsureCells(count + 1);
        _cells[_fieldCount++] = Cell.Text(start, length);
    }

    /// <summary>The offset of the next quote at or after <paramref name="pos"/> from <paramref name="pos"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfQuote(Span<byte> span, int pos)
    {
        // A quoted value is usually short (an address, a name): one 16-byte compare finds its closing quote.
        if (Vector128.IsHardwareAccelerated && span.Length - pos >= Vector128<byte>.Count)
        {
            Vector128<byte> bytes = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)pos);
            uint mask = Vector128.Equals(bytes, Vector128.Create((byte)'"')).ExtractMostSignificantBits();
            if (mask != 0)
            {
                return BitOperations.TrailingZeroCount(mask);
            }
        }

        return span[pos..].IndexOf((byte)'"');
    }

    private void EnsureCells(int count)
    {
        if (_cells.Length < count)
        {
            Array.Resize(ref _cells, Math.Max(count, _cells.Length * 2));
        }
    }
}
