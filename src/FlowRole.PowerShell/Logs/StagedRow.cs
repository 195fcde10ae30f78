using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using FlowRole.Formats;
using FlowRole.PowerShell.Binding;

namespace FlowRole.PowerShell.Logs;

/// <summary>
/// Presents rows that already exist in memory (a <see cref="FlowLogRecord"/>, or the fields of a PowerShell object)
/// to Core's <see cref="FlowWriter"/> as an <see cref="IFlowRow"/>: each <c>Load</c> makes one row current, so
/// Export-FlowRole writes exactly what the CLI writes for the same row.
/// </summary>
internal sealed class StagedRow : IFlowRow
{
    private static readonly byte[] NullText = Encoding.ASCII.GetBytes("null");

    private IReadOnlyList<string> _columns = Array.Empty<string>();
    private byte[] _stage = new byte[1024];
    private Cell[] _stageCells = new Cell[32];
    private int _stageCount;
    private int _stageBytes;
    private byte[]? _raw;
    private int _rawLength;

    public IReadOnlyList<string> Columns => _columns;

    public int ColumnsVersion { get; private set; }

    public string SourceName { get; private set; } = "PowerShell";

    public long LineNumber { get; private set; }

    public ReadOnlySpan<byte> RowData => _stage.AsSpan(0, _stageBytes);

    public ReadOnlySpan<Cell> Cells => _stageCells.AsSpan(0, _stageCount);

    public ReadOnlySpan<byte> RawRecord => _raw is null ? default : _raw.AsSpan(0, _rawLength);

    /// <summary>Stages a log record's row (its bytes, cells, and raw JSON text) and makes it the current row.</summary>
    public void Load(FlowLogRecord record, IReadOnlyList<string> columns)
    {
        SetColumns(columns);
        ReadOnlySpan<byte> data = record.Data;
        ReadOnlySpan<Cell> cells = record.Cells;
        EnsureStage(data.Length, cells.Length);
        data.CopyTo(_stage);
        cells.CopyTo(_stageCells);
        _stageCount = cells.Length;
        _stageBytes = data.Length;
        SetRaw(record.RawRecord);
        SourceName = record.Source;
        LineNumber = record.LineNumber;
    }

    /// <summary>Stages an object's fields (numbers and booleans keep their JSON kind) and makes them the current row.</summary>
    public void Load(InputRow row, IReadOnlyList<string> columns, long position)
    {
        SetColumns(columns);
        int count = row.Values.Count;
        EnsureStage(0, count);
        int used = 0;
        for (int i = 0; i < count; i++)
        {
            object? value = ValueText.Unwrap(row.Values[i]);
            CellKind kind;
            string? text;
            if (value is null)
            {
                kind = CellKind.Null;
                text = null;
            }
            else if (value is bool b)
            {
                kind = CellKind.Boolean;
                text = b ? "true" : "false";
            }
            else if (ValueText.IsNumber(value) && IsFinite(value))
            {
                kind = CellKind.Number;
                text = ((IFormattable)value).ToString(value is double or float ? "R" : null, CultureInfo.InvariantCulture);
            }
            else
            {
                kind = CellKind.Text;
                text = ValueText.ToText(value) ?? string.Empty;
            }

            int length = text is null ? NullText.Length : Encoding.UTF8.GetByteCount(text);
            EnsureStage(used + length, count);
            if (text is null)
            {
                NullText.CopyTo(_stage, used);
            }
            else
            {
                Encoding.UTF8.GetBytes(text, 0, text.Length, _stage, used);
            }

            _stageCells[i] = new Cell(used, length, kind);
            used += length;
        }

        _stageCount = count;
        _stageBytes = used;
        SetRaw(default);
        SourceName = "PowerShell";
        LineNumber = position;
    }

    private void SetColumns(IReadOnlyList<string> columns)
    {
        // Objects of one shape bring equal column lists: keep the first so the writer's column map is reused.
        if (!ReferenceEquals(columns, _columns) && !SameNames(columns, _columns))
        {
            _columns = columns;
            ColumnsVersion++;
        }
    }

    private void SetRaw(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            _rawLength = 0;
            _raw = null;
            return;
        }

        if (_raw is null || _raw.Length < raw.Length)
        {
            _raw = new byte[Math.Max(raw.Length, 1024)];
        }

        raw.CopyTo(_raw);
        _rawLength = raw.Length;
    }

    private void EnsureStage(int bytes, int cells)
    {
        if (_stage.Length < bytes)
        {
            Array.Resize(ref _stage, Math.Max(bytes, _stage.Length * 2));
        }

        if (_stageCells.Length < cells)
        {
            Array.Resize(ref _stageCells, Math.Max(cells, _stageCells.Length * 2));
        }
    }

    private static bool SameNames(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFinite(object value) => value switch
    {
        double d => !double.IsNaN(d) && !double.IsInfinity(d),
        float f => !float.IsNaN(f) && !float.IsInfinity(f),
        _ => true,
    };
}
