using System;
using FlowRole.Flows;
using FlowRole.Formats;
using FlowRole.Identity;

namespace FlowRole.Splunk.Commands;

/// <summary>
/// A block of a chunk's records between reading and writing, so that each stage runs over the whole block: the rows'
/// cells (they point into the chunk body, which stays put), the bound records and their results, the Community IDs
/// (computed together, SIMD SHA-1 over several flows at once), and why a row could not be classified. Reused from
/// block to block and chunk to chunk: nothing is allocated per record.
/// </summary>
internal sealed class RecordBlock
{
    /// <summary>Records per block: enough to amortise each stage, small enough to stay in cache.</summary>
    public const int Capacity = 1024;

    private Cell[] _cells = new Cell[Capacity * 16];
    private int _columns;

    /// <summary>The number of rows held.</summary>
    public int Count { get; private set; }

    /// <summary>The number of rows that bound (the first <see cref="Bound"/> entries of <see cref="Records"/>).</summary>
    public int Bound { get; private set; }

    /// <summary>The bound records, in row order.</summary>
    public FlowRecord[] Records { get; } = new FlowRecord[Capacity];

    /// <summary>The results of <see cref="Records"/>, index for index.</summary>
    public FlowResult[] Results { get; } = new FlowResult[Capacity];

    /// <summary>Per row: its index in <see cref="Records"/>, or -1 when it could not be classified.</summary>
    public int[] Slots { get; } = new int[Capacity];

    /// <summary>Per row: true when its fields are still as received (<see cref="Csv.SplunkCsvReader.RowVerbatim"/>).</summary>
    public bool[] Verbatim { get; } = new bool[Capacity];

    /// <summary>Per row that could not be classified: why (in this command's words). Set for those rows only.</summary>
    public string?[] Errors { get; } = new string?[Capacity];

    /// <summary>The Community IDs of <see cref="Records"/> as UTF-8, <see cref="CommunityId.TextLength"/> bytes each.</summary>
    public byte[] CommunityIds { get; } = new byte[Capacity * CommunityId.TextLength];

    /// <summary>The length of each Community ID (0: the flow has none).</summary>
    public int[] CommunityIdLengths { get; } = new int[Capacity];

    /// <summary>True when no more rows fit.</summary>
    public bool IsFull => Count == Capacity;

    /// <summary>Empties the block for rows of <paramref name="columns"/> cells.</summary>
    public void Reset(int columns)
    {
        if (_cells.Length < Capacity * columns)
        {
            _cells = new Cell[Capacity * columns];
        }

        _columns = columns;
        Count = 0;
        Bound = 0;
    }

    /// <summary>Adds a row (its cells are copied; <paramref name="verbatim"/>: they are as received) and returns its index.</summary>
    public int Add(ReadOnlySpan<Cell> cells, bool verbatim)
    {
        int row = Count++;
        cells.Slice(0, Math.Min(cells.Length, _columns)).CopyTo(_cells.AsSpan(row * _columns, _columns));
        Verbatim[row] = verbatim;
        Slots[row] = -1;
        return row;
    }

    /// <summary>The array the rows' cells are kept in, for reading a row straight into it at <see cref="NextCellOffset"/>.</summary>
    public Cell[] CellArray => _cells;

    /// <summary>Where in <see cref="CellArray"/> the next row's cells go.</summary>
    public int NextCellOffset => Count * _columns;

    /// <summary>Adds the row whose cells were read into place at <see cref="NextCellOffset"/>, as received, and returns its index.</summary>
    public int AddInPlace()
    {
        int row = Count++;
        Verbatim[row] = true;
        Slots[row] = -1;
        return row;
    }

    /// <summary>Marks the last added row as bound to the record just written at <see cref="NextRecord"/>.</summary>
    public void CommitRecord() => Slots[Count - 1] = Bound++;

    /// <summary>Where the last added row's record is bound to.</summary>
    public ref FlowRecord NextRecord => ref Records[Bound];

    /// <summary>The cells of a row.</summary>
    public ReadOnlySpan<Cell> CellsOf(int row) => _cells.AsSpan(row * _columns, _columns);
}
