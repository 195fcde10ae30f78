using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using FlowRole.Formats;
using FlowRole.Splunk.Csv;

namespace FlowRole.Splunk.Hosting;

/// <summary>
/// Which input columns a command copies to its output: all of them (including <c>_chunked_idx</c> and the
/// <c>__mv_</c> companions, byte for byte) except those the command itself writes, so a rerun or a field that already
/// exists is replaced rather than duplicated. Planned once per chunk header.
/// </summary>
public sealed class PassThroughColumns
{
    private readonly int[] _kept;
    private readonly int[] _runs;
    private readonly SplunkCsvHeader _header;

    /// <summary>Plans the copy for <paramref name="header"/>, leaving out <paramref name="replaced"/> fields and their <c>__mv_</c> columns.</summary>
    public PassThroughColumns(SplunkCsvHeader header, IReadOnlyCollection<string> replaced)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(replaced);
        _header = header;
        var drop = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in replaced)
        {
            drop.Add(name);
            drop.Add(SplunkCsvHeader.MultivaluePrefix + name);
        }

        var kept = new List<int>(header.Count);
        for (int i = 0; i < header.Count; i++)
        {
            if (!drop.Contains(header[i]))
            {
                kept.Add(i);
            }
        }

        _kept = kept.ToArray();

        // The kept columns as runs of neighbours (first, last), for rows copied as received.
        var runs = new List<int>();
        for (int k = 0; k < _kept.Length; k++)
        {
            if (k == 0 || _kept[k] != _kept[k - 1] + 1)
            {
                runs.Add(_kept[k]);
                runs.Add(_kept[k]);
            }
            else
            {
                runs[^1] = _kept[k];
            }
        }

        _runs = runs.ToArray();
    }

    /// <summary>The input columns copied, in order.</summary>
    public IReadOnlyList<int> Kept => _kept;

    /// <summary>Writes the kept columns' names, exactly as received.</summary>
    public void WriteHeader(SplunkCsvWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (int column in _kept)
        {
            output.WriteField(_header.RawName(column));
        }
    }

    /// <summary>Writes a stored row's kept fields (cells over the chunk body, as <see cref="SplunkCsvReader.Cells"/> gave them).</summary>
    internal void WriteRow(ReadOnlySpan<byte> data, ReadOnlySpan<Cell> cells, SplunkCsvWriter output)
    {
        foreach (int column in _kept)
        {
            output.WriteField(cells[column].Slice(data));
        }
    }

    /// <summary>
    /// The most bytes <see cref="Append(Span{byte}, int, ReadOnlySpan{byte}, ReadOnlySpan{Cell}, bool)"/> writes
    /// for a stored row.
    /// </summary>
    internal int MaxLength(ReadOnlySpan<Cell> cells, bool verbatim)
    {
        if (verbatim && cells.Length > 0)
        {
            // The runs are disjoint pieces of the row as received (first field's opening quote to last field's
            // closing quote), each followed by a comma.
            return cells[^1].Start + cells[^1].Length + 1 - (cells[0].Start - 1) + (_runs.Length / 2);
        }

        return MaxFieldsLength(cells);
    }

    /// <summary>The most bytes <see cref="AppendFields"/> writes for a stored row.</summary>
    private int MaxFieldsLength(ReadOnlySpan<Cell> cells)
    {
        int length = 0;
        foreach (int column in _kept)
        {
            length += SplunkCsvWriter.MaxEncodedLength(cells[column].Length) + 1;
        }

        return length;
    }

    /// <summary>
    /// Writes a stored row's kept fields into a record span at <paramref name="at"/>, each followed by a comma, and
    /// returns where they end. A row read verbatim
    /// (<see cref="SplunkCsvReader.RowVerbatim"/>) is copied run by run as received, quotes and commas included:
    /// the same values, without looking at each one.
    /// </summary>
    internal int Append(Span<byte> destination, int at, ReadOnlySpan<byte> data, ReadOnlySpan<Cell> cells, bool verbatim)
    {
        if (!verbatim)
        {
            return AppendFields(destination, at, data, cells);
        }

        int[] runs = _runs;
        for (int r = 0; r + 1 < runs.Length; r += 2)
        {
            int start = RawStart(data, cells[runs[r]]);
            at = SplunkCsvWriter.CopyWide(data[start..], RawEnd(data, cells[runs[r + 1]]) - start, destination, at);
            destination[at++] = (byte)',';
        }

        return at;
    }

    /// <summary>Writes the current row's kept fields and the record end, as received when the row allows it.</summary>
    public void WriteRecord(SplunkCsvReader input, SplunkCsvWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (!input.RowVerbatim || _runs.Length == 0)
        {
            WriteRow(input, output);
            output.EndRow();
            return;
        }

        ReadOnlySpan<byte> data = input.Data;
        ReadOnlySpan<Cell> cells = input.Cells;
        Span<byte> span = output.BeginRecord(MaxLength(cells, verbatim: true) + 2);
        int at = Append(span, 0, data, cells, verbatim: true) - 1; // no comma after the last field
        if (output.CrlfRecords)
        {
            span[at++] = (byte)'\r';
        }

        span[at++] = (byte)'\n';
        output.CommitRecord(at);
    }

    // Where a field's bytes begin and end as received: its quotes are part of it. In a verbatim row only a quoted
    // field's value follows a quote (a field otherwise starts the body, or follows a comma or a line end).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RawStart(ReadOnlySpan<byte> data, Cell cell) =>
        cell.Start > 0 && data[cell.Start - 1] == (byte)'"' ? cell.Start - 1 : cell.Start;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RawEnd(ReadOnlySpan<byte> data, Cell cell)
    {
        int end = cell.Start + cell.Length;
        return cell.Start > 0 && data[cell.Start - 1] == (byte)'"' ? end + 1 : end;
    }

    /// <summary>Writes a stored row's kept fields into a record span one by one, quoted as needed, each followed by a comma.</summary>
    private int AppendFields(Span<byte> destination, int at, ReadOnlySpan<byte> data, ReadOnlySpan<Cell> cells)
    {
        foreach (int column in _kept)
        {
            at = SplunkCsvWriter.Append(destination, at, cells[column].Slice(data));
            destination[at++] = (byte)',';
        }

        return at;
    }

    /// <summary>Writes the current row's kept fields (a short row's missing fields are empty).</summary>
    public void WriteRow(SplunkCsvReader input, SplunkCsvWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        foreach (int column in _kept)
        {
            output.WriteField(input.Field(column));
        }
    }
}
