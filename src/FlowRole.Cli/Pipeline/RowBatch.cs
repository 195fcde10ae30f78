using System;
using System.Collections.Generic;
using System.IO;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;
using FlowRole.Identity;

namespace FlowRole.Cli.Pipeline;

/// <summary>
/// A block of rows copied out of a reader, so a worker thread can bind, classify and format them while the reader
/// moves on; the formatted bytes and the errors come back with the block and are written in input order.
/// </summary>
internal sealed class RowBatch
{
    /// <summary>Rows per block: large enough to amortise the hand-off, small enough to keep memory flat.</summary>
    public const int MaxRows = 2048;

    private const int MaxDataBytes = 1 << 20;

    // An array, not a List: rows are read by reference (a RowInfo is 11 fields, three of them references).
    private RowInfo[] _rows = new RowInfo[MaxRows];
    private int _rowCount;
    private byte[] _data = new byte[64 * 1024];
    private int _dataLength;
    private Cell[] _cells = new Cell[MaxRows * 8];
    private int _cellCount;

    // Per-block work space for the batch stages (bind, classify, Community ID, write), sized on first use and
    // reused by every block that passes through this one.
    private FlowRecord[] _records = [];
    private FlowResult[] _results = [];
    private int[] _slots = [];
    private string?[] _bindErrors = [];
    private byte[] _communityIds = [];
    private int[] _communityIdLengths = [];

    /// <summary>The formatted rows.</summary>
    public MemoryStream Output { get; } = new(256 * 1024);

    /// <summary>The bound records of the block's rows that bind, in row order.</summary>
    public FlowRecord[] Records => Ensure(ref _records);

    /// <summary>The results of <see cref="Records"/>, index for index.</summary>
    public FlowResult[] Results => Ensure(ref _results);

    /// <summary>Per row: its index in <see cref="Records"/>, or -1 when it does not bind.</summary>
    public int[] Slots => Ensure(ref _slots);

    /// <summary>Per row that does not bind: why.</summary>
    public string?[] BindErrors => Ensure(ref _bindErrors);

    /// <summary>Community IDs as UTF-8, <see cref="CommunityId.TextLength"/> bytes per record.</summary>
    public byte[] CommunityIds
    {
        get
        {
            if (_communityIds.Length < MaxRows * CommunityId.TextLength)
            {
                _communityIds = new byte[MaxRows * CommunityId.TextLength];
            }

            return _communityIds;
        }
    }

    /// <summary>The length of each record's Community ID (0: the flow has none).</summary>
    public int[] CommunityIdLengths => Ensure(ref _communityIdLengths);

    /// <summary>Record errors in row order: line and message.</summary>
    public List<(long Line, string Message)> Errors { get; } = new();

    /// <summary>The input the rows come from (one per block).</summary>
    public string SourceName { get; private set; } = "-";

    /// <summary>True when a classified row had a finding at or above the --fail-on severity.</summary>
    public bool FindingAtFailLevel { get; set; }

    public int Count => _rowCount;

    public bool IsFull => _rowCount >= MaxRows || _dataLength >= MaxDataBytes;

    public void Reset(string sourceName)
    {
        _rowCount = 0;
        _dataLength = 0;
        _cellCount = 0;
        Output.SetLength(0);
        Errors.Clear();
        FindingAtFailLevel = false;
        SourceName = sourceName;
    }

    /// <summary>Copies the reader's current row.</summary>
    public void Add(FlowReader reader, FlowRecordBinder binder)
    {
        ReadOnlySpan<byte> data = reader.RowData;
        ReadOnlySpan<byte> raw = reader.RawRecord;
        ReadOnlySpan<Cell> cells = reader.Cells;
        int dataStart = Append(data);
        int rawStart = Append(raw);
        if (_cellCount + cells.Length > _cells.Length)
        {
            Array.Resize(ref _cells, Math.Max(_cellCount + cells.Length, _cells.Length * 2));
        }

        cells.CopyTo(_cells.AsSpan(_cellCount));

        if (_rowCount == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
        }

        _rows[_rowCount++] = new RowInfo(dataStart, data.Length, _cellCount, cells.Length, rawStart, raw.Length, reader.LineNumber,
            reader.RowError, reader.Columns, reader.ColumnsVersion, binder);
        _cellCount += cells.Length;
    }

    /// <summary>A view of row <paramref name="index"/> for writers.</summary>
    public void Point(Row row, int index) => row.Set(this, index);

    public ref readonly RowInfo Info(int index) => ref _rows[index];

    private static T[] Ensure<T>(ref T[] array)
    {
        if (array.Length < MaxRows)
        {
            array = new T[MaxRows];
        }

        return array;
    }

    private int Append(ReadOnlySpan<byte> bytes)
    {
        if (_dataLength + bytes.Length > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(_dataLength + bytes.Length, _data.Length * 2));
        }

        int start = _dataLength;
        bytes.CopyTo(_data.AsSpan(start));
        _dataLength += bytes.Length;
        return start;
    }

    /// <summary>Where a row's pieces are in the block.</summary>
    internal readonly record struct RowInfo(int DataStart, int DataLength, int CellStart, int CellCount, int RawStart, int RawLength,
        long Line, string? Error, IReadOnlyList<string> Columns, int ColumnsVersion, FlowRecordBinder Binder);

    /// <summary>A movable row view (cells are relative to the row's own data, as a reader's are).</summary>
    internal sealed class Row : IFlowRow
    {
        private RowBatch? _batch;
        private int _index;

        public IReadOnlyList<string> Columns => Info.Columns;

        public int ColumnsVersion => Info.ColumnsVersion;

        public string SourceName => _batch?.SourceName ?? "-";

        public long LineNumber => Info.Line;

        public ReadOnlySpan<byte> RowData => _batch!._data.AsSpan(Info.DataStart, Info.DataLength);

        public ReadOnlySpan<Cell> Cells => _batch!._cells.AsSpan(Info.CellStart, Info.CellCount);

        public ReadOnlySpan<byte> RawRecord => _batch!._data.AsSpan(Info.RawStart, Info.RawLength);

        private ref readonly RowInfo Info => ref _batch!._rows[_index];

        /// <summary>Points the view at row <paramref name="index"/> of <paramref name="batch"/> (no copy of the row).</summary>
        public void Set(RowBatch batch, int index)
        {
            _batch = batch;
            _index = index;
        }
    }
}
