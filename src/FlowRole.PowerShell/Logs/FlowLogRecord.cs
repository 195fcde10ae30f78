using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;

namespace FlowRole.PowerShell.Logs;

/// <summary>
/// One row of a flow log read by <c>Import-FlowLog</c>. PowerShell shows the row's columns as its properties (through
/// <see cref="FlowLogRecordAdapter"/>), like <c>Import-Csv</c> rows, so <c>Where-Object</c>, <c>Select-Object</c> and
/// <c>Export-Csv</c> work on it; <c>Get-FlowRole</c> takes the flow record Core already bound from it without reading
/// a property. Its own members are methods, so a row's properties are its columns and nothing else.
/// </summary>
public sealed class FlowLogRecord
{
    private readonly LogHeader _header;
    private readonly byte[] _data;
    private readonly Cell[] _cells;
    private readonly byte[]? _raw;
    private readonly FlowRecord _record;

    internal FlowLogRecord(LogHeader header, byte[] data, Cell[] cells, byte[]? raw, long lineNumber, string? readError,
        in FlowRecord record, FieldError bindError)
    {
        _header = header;
        _data = data;
        _cells = cells;
        _raw = raw;
        LineNumber = lineNumber;
        ReadError = readError;
        _record = record;
        BindError = bindError;
    }

    /// <summary>The file the row came from.</summary>
    public string GetSource() => _header.Source;

    /// <summary>The format it was read as.</summary>
    public InputFormat GetFormat() => _header.Format;

    /// <summary>The 1-based line on which the row starts.</summary>
    public long GetLineNumber() => LineNumber;

    /// <summary>What is structurally wrong with the row (reported by <c>Import-FlowLog</c>), or null.</summary>
    public string? GetReadError() => ReadError;

    /// <summary>Why the row does not bind to a flow record (Core's error naming the column and value), or <c>default</c>.</summary>
    public FieldError GetBindError() => BindError;

    /// <summary>The flow record Core bound from the row (meaningful when <see cref="IsFlow"/> is true).</summary>
    public FlowRecord GetRecord() => _record;

    /// <summary>True when the row is a flow record <c>Get-FlowRole</c> can classify.</summary>
    public bool IsFlow() => ReadError is null && !BindError.IsError;

    /// <summary>The column names of the row's header.</summary>
    public IReadOnlyList<string> GetColumns() => _header.Columns;

    /// <summary>True when the row has a value (possibly JSON null) for the column.</summary>
    public bool HasColumn(string name)
    {
        int i = _header.IndexOf(name);
        return i >= 0 && i < _cells.Length && _cells[i].Kind != CellKind.Missing;
    }

    /// <summary>
    /// A column's value: text as a string, JSON numbers as <see cref="long"/> or <see cref="double"/>, JSON booleans as
    /// <see cref="bool"/>, JSON null (or a missing column) as null, a JSON array as its text.
    /// </summary>
    public object? GetValue(string name)
    {
        int i = _header.IndexOf(name);
        return i >= 0 ? ValueAt(i) : null;
    }

    /// <inheritdoc/>
    public override string ToString() => Source + ":" + LineNumber.ToString(CultureInfo.InvariantCulture);

    internal string Source => _header.Source;

    internal InputFormat Format => _header.Format;

    internal long LineNumber { get; }

    internal string? ReadError { get; }

    internal FieldError BindError { get; }

    internal FlowRecord Record => _record;

    internal IReadOnlyList<string> Columns => _header.Columns;

    internal LogHeader Header => _header;

    internal ReadOnlySpan<byte> Data => _data;

    internal ReadOnlySpan<Cell> Cells => _cells;

    internal ReadOnlySpan<byte> RawRecord => _raw;

    /// <summary>The read error with the file and line it concerns.</summary>
    internal string ReadErrorMessage => Source + ":" + LineNumber.ToString(CultureInfo.InvariantCulture) + ": " + ReadError;

    /// <summary>Set when Import-FlowLog already reported <see cref="ReadError"/>, so Get-FlowRole does not repeat it.</summary>
    internal bool ReadErrorReported { get; set; }

    /// <summary>
    /// The error a cmdlet taking this row as input number <paramref name="position"/> reports when the row is not a
    /// flow (<see cref="IsFlow"/> false): its read error, unless Import-FlowLog reported that already (then null), or
    /// the field Core could not bind.
    /// </summary>
    internal System.Management.Automation.ErrorRecord? ErrorAt(long position) =>
        ReadError is not null
            ? (ReadErrorReported ? null : Errors.ErrorRecords.MalformedRow(ReadErrorMessage, position, this))
            : BindError.IsError ? Errors.ErrorRecords.ForField(BindError, position, this) : null;

    internal int CellCount => _cells.Length;

    internal CellKind KindAt(int column) => column < _cells.Length ? _cells[column].Kind : CellKind.Missing;

    internal object? ValueAt(int column)
    {
        if (column >= _cells.Length)
        {
            return null;
        }

        Cell cell = _cells[column];
        switch (cell.Kind)
        {
            case CellKind.Missing:
            case CellKind.Null:
                return null;
            case CellKind.Boolean:
                return cell.Length == 4; // "true"; the reader only marks true and false as booleans
            case CellKind.Number:
                string number = Encoding.UTF8.GetString(_data, cell.Start, cell.Length);
                if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
                {
                    return integer;
                }

                return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) ? real : number;
            default:
                return Encoding.UTF8.GetString(_data, cell.Start, cell.Length);
        }
    }
}
