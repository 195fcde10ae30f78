using System;
using System.Collections.Generic;
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

    /// <summary>The most bytes <see cref="Append"/> writes for a stored row.</summary>
    internal int MaxLength(ReadOnlySpan<Cell> cells)
    {
        int length = 0;
        foreach (int column in _kept)
        {
            length += SplunkCsvWriter.MaxEncodedLength(cells[column].Length) + 1;
        }

        return length;
    }

    /// <summary>Writes a stored row's kept fields into a record span, each followed by a comma.</summary>
    internal void Append(Span<byte> destination, ref int at, ReadOnlySpan<byte> data, ReadOnlySpan<Cell> cells)
    {
        foreach (int column in _kept)
        {
            SplunkCsvWriter.Append(destination, ref at, cells[column].Slice(data));
            destination[at++] = (byte)',';
        }
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
