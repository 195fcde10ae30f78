using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;

namespace FlowRole.Formats;

/// <summary>
/// Streams rows out of a log: each <see cref="Read"/> exposes one row as column <see cref="Cells"/> over a reused
/// UTF-8 <see cref="RowData"/> buffer, so memory stays flat on any input size and a row costs no allocation. A row
/// the format cannot parse is still returned, in order, with <see cref="RowError"/> saying what is wrong and on which
/// line: nothing is dropped or reordered.
/// </summary>
public abstract class FlowReader : IFlowRow, IDisposable
{
    /// <summary>The largest row (or JSON record) a reader holds; a longer one is reported and skipped.</summary>
    public const int MaxRowBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The most columns a reader holds (fields of a header or a line, JSON keys over all records): a line with more
    /// is an error row and is skipped; a JSON key beyond the cap is reported on its row and not kept.
    /// </summary>
    public const int MaxColumns = 65_536;

    /// <summary>The most bytes of column names a reader holds, over all its columns (JSON keys and Zeek headers add up).</summary>
    public const int MaxColumnNameBytes = 4 * 1024 * 1024;

    private const int InitialBufferBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _row = new byte[1024];
    private Cell[] _cells = new Cell[32];
    private bool _disposed;

    /// <summary>Creates a reader; <paramref name="prefix"/> holds bytes already read from the stream (format detection).</summary>
    protected FlowReader(Stream stream, ReadOnlySpan<byte> prefix, string? sourceName, bool leaveOpen)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _leaveOpen = leaveOpen;
        SourceName = sourceName ?? "-";
        Buffer = ArrayPool<byte>.Shared.Rent(Math.Max(InitialBufferBytes, prefix.Length));
        prefix.CopyTo(Buffer);
        End = prefix.Length;
        CurrentLine = 1;

        // A UTF-8 byte order mark is not data.
        if (End >= 3 && Buffer[0] == 0xEF && Buffer[1] == 0xBB && Buffer[2] == 0xBF)
        {
            Position = 3;
        }
    }

    /// <summary>The input's name in messages (a file path, or <c>-</c> for standard input).</summary>
    public string SourceName { get; }

    /// <summary>The format being read.</summary>
    public abstract InputFormat Format { get; }

    /// <summary>
    /// The column names so far. Formats whose records name their own fields (JSON, a Zeek log with several
    /// headers) add columns as they appear; <see cref="ColumnsVersion"/> changes when they do.
    /// </summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>Changes whenever <see cref="Columns"/> grows or is replaced.</summary>
    public int ColumnsVersion { get; protected set; }

    /// <summary>
    /// True when the columns cannot change any more (a CSV header has been read); false while later records may still
    /// add columns. After <see cref="Read"/> returns false it is always true.
    /// </summary>
    public bool ColumnsAreFinal { get; protected set; }

    /// <summary>The 1-based line on which the current row starts.</summary>
    public long LineNumber { get; protected set; }

    /// <summary>How many rows have been returned.</summary>
    public long RowCount { get; private set; }

    /// <summary>What is structurally wrong with the current row (with its line number), or null.</summary>
    public string? RowError { get; protected set; }

    /// <summary>The current row's values, indexed by <see cref="Cells"/>.</summary>
    public ReadOnlySpan<byte> RowData => _row.AsSpan(0, RowLength);

    /// <summary>
    /// The current row's cells, one per column of <see cref="Columns"/> (a row with too many fields has more; the
    /// extra ones have no column). Missing values are <c>default(Cell)</c>.
    /// </summary>
    public ReadOnlySpan<Cell> Cells => _cells.AsSpan(0, CellCount);

    /// <summary>For JSON input, the current record's original text (so a JSON writer can keep it as it was); else empty.</summary>
    public virtual ReadOnlySpan<byte> RawRecord => default;

    /// <summary>The input buffer.</summary>
    protected byte[] Buffer { get; private set; }

    /// <summary>Where unread input starts in <see cref="Buffer"/>.</summary>
    protected int Position { get; set; }

    /// <summary>Where buffered input ends in <see cref="Buffer"/>.</summary>
    protected int End { get; private set; }

    /// <summary>True when the stream has no more bytes.</summary>
    protected bool AtEndOfStream { get; private set; }

    /// <summary>The 1-based line number at <see cref="Position"/>.</summary>
    protected long CurrentLine { get; set; }

    /// <summary>Bytes used in the row buffer.</summary>
    protected int RowLength { get; set; }

    /// <summary>Cells used in the current row.</summary>
    protected int CellCount { get; set; }

    /// <summary>The unread buffered input.</summary>
    protected ReadOnlySpan<byte> Pending => Buffer.AsSpan(Position, End - Position);

    /// <summary>Opens a reader for a stream, detecting the format from its first bytes when <paramref name="format"/> is <see cref="InputFormat.Auto"/>.</summary>
    public static FlowReader Open(Stream stream, InputFormat format = InputFormat.Auto, string? sourceName = null, bool leaveOpen = false)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        byte[] prefix = new byte[FormatDetector.SniffBytes];
        int n = 0;
        while (n < prefix.Length)
        {
            int r = stream.Read(prefix, n, prefix.Length - n);
            if (r == 0)
            {
                break;
            }

            n += r;
        }

        ReadOnlySpan<byte> head = prefix.AsSpan(0, n);
        if (format == InputFormat.Auto)
        {
            format = FormatDetector.Detect(head);
        }

        return format switch
        {
            InputFormat.Csv => new DelimitedReader(stream, head, sourceName, leaveOpen, (byte)',', quoted: true),
            InputFormat.Tsv => new DelimitedReader(stream, head, sourceName, leaveOpen, (byte)'\t', quoted: false),
            InputFormat.Zeek => new ZeekLogReader(stream, head, sourceName, leaveOpen),
            InputFormat.Json => new JsonRecordReader(stream, head, sourceName, leaveOpen),
            InputFormat.WindowsFirewall => new W3CLogReader(stream, head, sourceName, leaveOpen),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
    }

    /// <summary>Advances to the next row; false at the end of the input.</summary>
    public bool Read()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(GetType().Name);
        }

        RowError = null;
        RowLength = 0;
        CellCount = 0;
        if (ReadRow())
        {
            RowCount++;
            return true;
        }

        ColumnsAreFinal = true;
        return false;
    }

    /// <summary>Reads to the end without keeping rows, so <see cref="Columns"/> holds every column the input has.</summary>
    public IReadOnlyList<string> ReadAllColumns()
    {
        while (!ColumnsAreFinal && Read())
        {
        }

        return Columns;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Returns pooled buffers and closes the stream unless asked to leave it open.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (disposing)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = Array.Empty<byte>();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    /// <summary>Reads the next row into the row buffer; false at the end.</summary>
    protected abstract bool ReadRow();

    /// <summary>
    /// Reads more input after <see cref="Pending"/>, moving the pending bytes to the buffer's start (offsets relative
    /// to <see cref="Position"/> stay valid) and growing the buffer when it is full. False when nothing more came.
    /// </summary>
    protected bool FillMore()
    {
        if (AtEndOfStream)
        {
            return false;
        }

        int pending = End - Position;
        if (Position > 0)
        {
            System.Buffer.BlockCopy(Buffer, Position, Buffer, 0, pending);
            Position = 0;
            End = pending;
        }

        if (End == Buffer.Length)
        {
            byte[] bigger = ArrayPool<byte>.Shared.Rent(Buffer.Length * 2);
            System.Buffer.BlockCopy(Buffer, 0, bigger, 0, End);
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = bigger;
        }

        int read = _stream.Read(Buffer, End, Buffer.Length - End);
        if (read <= 0)
        {
            AtEndOfStream = true;
            return false;
        }

        End += read;
        return true;
    }

    /// <summary>Appends a cell to the current row.</summary>
    protected void AddCell(ReadOnlySpan<byte> value, CellKind kind)
    {
        int start = AppendRowBytes(value);
        if (CellCount == _cells.Length)
        {
            Array.Resize(ref _cells, _cells.Length * 2);
        }

        _cells[CellCount++] = new Cell(start, value.Length, kind);
    }

    /// <summary>Appends a cell over bytes already in the row buffer.</summary>
    protected void AddCellAt(int start, int length, CellKind kind)
    {
        if (CellCount == _cells.Length)
        {
            Array.Resize(ref _cells, _cells.Length * 2);
        }

        _cells[CellCount++] = new Cell(start, length, kind);
    }

    /// <summary>Sets the current row's cell count, clearing new cells to missing.</summary>
    protected void ResetCells(int count)
    {
        if (count > _cells.Length)
        {
            Array.Resize(ref _cells, Math.Max(count, _cells.Length * 2));
        }

        Array.Clear(_cells, 0, count);
        CellCount = count;
    }

    /// <summary>Grows the current row to <paramref name="count"/> cells, the new ones missing.</summary>
    protected void ExtendCells(int count)
    {
        if (count <= CellCount)
        {
            return;
        }

        if (count > _cells.Length)
        {
            Array.Resize(ref _cells, Math.Max(count, _cells.Length * 2));
        }

        Array.Clear(_cells, CellCount, count - CellCount);
        CellCount = count;
    }

    /// <summary>The current row's cell at a column (for readers that fill cells by column).</summary>
    protected Cell GetCell(int column) => _cells[column];

    /// <summary>Sets the cell of a column; the row must have <paramref name="column"/> + 1 cells.</summary>
    protected void SetCell(int column, ReadOnlySpan<byte> value, CellKind kind)
    {
        int start = AppendRowBytes(value);
        _cells[column] = new Cell(start, value.Length, kind);
    }

    /// <summary>Copies bytes into the row buffer; returns their offset.</summary>
    protected int AppendRowBytes(ReadOnlySpan<byte> value)
    {
        EnsureRowCapacity(value.Length);
        int start = RowLength;
        value.CopyTo(_row.AsSpan(start));
        RowLength += value.Length;
        return start;
    }

    /// <summary>Room for <paramref name="extra"/> more bytes in the row buffer; returns the writable span.</summary>
    protected Span<byte> GrowRow(int extra)
    {
        EnsureRowCapacity(extra);
        return _row.AsSpan(RowLength, extra);
    }

    /// <summary>
    /// Finds the next line in the buffered input (reading more as needed): its length without the terminator, and
    /// the bytes to consume including <c>\n</c>. Returns false at the end of input. A line longer than
    /// <see cref="MaxRowBytes"/> is cut there (<paramref name="tooLong"/>) and the rest is skipped.
    /// </summary>
    protected bool TryTakeLine(out int length, out int consumed, out bool tooLong)
    {
        tooLong = false;
        int searched = 0;
        while (true)
        {
            ReadOnlySpan<byte> pending = Pending;
            int nl = pending.Slice(searched).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                length = searched + nl;
                consumed = length + 1;
                if (length > 0 && pending[length - 1] == (byte)'\r')
                {
                    length--;
                }

                return true;
            }

            searched = pending.Length;
            if (pending.Length > MaxRowBytes)
            {
                tooLong = true;
                length = MaxRowBytes;
                consumed = SkipLongLine();
                return true;
            }

            if (!FillMore())
            {
                if (Pending.IsEmpty)
                {
                    length = consumed = 0;
                    return false;
                }

                length = consumed = Pending.Length;
                if (Pending[length - 1] == (byte)'\r')
                {
                    length--;
                }

                return true;
            }
        }
    }

    /// <summary>
    /// Consumes the input up to and including the next <c>\n</c> without buffering it (a line over a cap is dropped
    /// as it streams past, so skipping it costs no memory), counting the line.
    /// </summary>
    protected void SkipLine()
    {
        while (true)
        {
            int nl = Pending.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                Position += nl + 1;
                CurrentLine++;
                return;
            }

            Position = End;
            if (!FillMore())
            {
                return;
            }
        }
    }

    private int SkipLongLine()
    {
        // Keep the line's first MaxRowBytes in place and drop the rest of it from the buffer as it streams past.
        int kept = MaxRowBytes;
        while (true)
        {
            ReadOnlySpan<byte> rest = Pending.Slice(kept);
            int nl = rest.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                // Move the kept prefix next to the remainder after the newline.
                int after = Position + kept + nl + 1;
                System.Buffer.BlockCopy(Buffer, Position, Buffer, after - kept, kept);
                Position = after - kept;
                return kept;
            }

            End = Position + kept;
            if (!FillMore())
            {
                return kept;
            }
        }
    }

    private void EnsureRowCapacity(int extra)
    {
        int needed = RowLength + extra;
        if (needed > _row.Length)
        {
            Array.Resize(ref _row, Math.Max(needed, _row.Length * 2));
        }
    }
}
