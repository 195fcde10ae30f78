using System;
using System.Collections.Generic;
using FlowRole.Formats;

namespace FlowRole.Cli.Input;

/// <summary>One line of alert text as a row with a single column, so the normal writers carry it into the output.</summary>
internal sealed class AlertLineRow : IFlowRow
{
    /// <summary>The column the line is written under.</summary>
    public const string ColumnName = FlowRole.Text.AlertTextParser.TextFieldName;

    private static readonly IReadOnlyList<string> ColumnList = new[] { ColumnName };
    private readonly Cell[] _cells = new Cell[1];
    private byte[] _data = new byte[256];
    private int _length;

    public AlertLineRow(string sourceName) => SourceName = sourceName;

    public static IReadOnlyList<string> ColumnNames => ColumnList;

    public IReadOnlyList<string> Columns => ColumnList;

    public int ColumnsVersion => 1;

    public string SourceName { get; }

    public long LineNumber { get; private set; }

    public ReadOnlySpan<byte> RowData => _data.AsSpan(0, _length);

    public ReadOnlySpan<Cell> Cells => _cells;

    public ReadOnlySpan<byte> RawRecord => default;

    /// <summary>Points the row at a line (copied: the reader's buffer moves on).</summary>
    public void Load(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (_data.Length < line.Length)
        {
            _data = new byte[Math.Max(line.Length, _data.Length * 2)];
        }

        line.CopyTo(_data);
        _length = line.Length;
        _cells[0] = Cell.Text(0, line.Length);
        LineNumber = lineNumber;
    }
}
