using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Formats;

namespace FlowRole.Tests.Formats;

/// <summary>A stream that returns at most a few bytes per read, to push every parser across buffer boundaries.</summary>
internal sealed class TrickleStream : Stream
{
    private readonly byte[] _data;
    private readonly int _chunk;
    private int _position;

    public TrickleStream(byte[] data, int chunk)
    {
        _data = data;
        _chunk = chunk;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, _chunk), _data.Length - _position);
        Array.Copy(_data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>One row as read: its line, error, and values by column name (null = missing).</summary>
internal sealed record Row(long Line, string? Error, IReadOnlyList<string?> Values, IReadOnlyList<CellKind> Kinds, string Raw)
{
    public IReadOnlyList<string> Columns { get; init; } = Array.Empty<string>();

    public string? this[string column]
    {
        get
        {
            // The last column of that name, as name-keyed readers (csv.DictReader, JSON parsers) see it.
            int i = Columns.ToList().LastIndexOf(column);
            return i >= 0 && i < Values.Count ? Values[i] : null;
        }
    }

    public string Describe() => Line + "|" + (Error ?? "") + "|" + string.Join("|", Values.Select(v => v ?? "<none>"));
}

internal static class ReaderHarness
{
    public static List<Row> ReadAll(string text, InputFormat format = InputFormat.Auto, int chunk = int.MaxValue) =>
        ReadAll(Encoding.UTF8.GetBytes(text), format, chunk, out _);

    public static List<Row> ReadAll(byte[] bytes, InputFormat format, int chunk, out IReadOnlyList<string> columns)
    {
        using FlowReader reader = FlowReader.Open(new TrickleStream(bytes, chunk), format, "test");
        var rows = new List<Row>();
        while (reader.Read())
        {
            var values = new List<string?>();
            var kinds = new List<CellKind>();
            ReadOnlySpan<byte> data = reader.RowData;
            foreach (Cell cell in reader.Cells)
            {
                values.Add(cell.Kind == CellKind.Missing ? null : Encoding.UTF8.GetString(cell.Slice(data)));
                kinds.Add(cell.Kind);
            }

            rows.Add(new Row(reader.LineNumber, reader.RowError, values, kinds, Encoding.UTF8.GetString(reader.RawRecord))
            {
                Columns = reader.Columns.ToArray(),
            });
        }

        columns = reader.Columns.ToArray();
        return rows;
    }

    /// <summary>Reads with every chunk size from 1 to 9 and whole, and asserts all readings agree.</summary>
    public static List<Row> ReadAllChunked(string text, InputFormat format = InputFormat.Auto)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        List<Row> whole = ReadAll(bytes, format, int.MaxValue, out IReadOnlyList<string> columns);
        for (int chunk = 1; chunk <= 9; chunk++)
        {
            List<Row> part = ReadAll(bytes, format, chunk, out IReadOnlyList<string> partColumns);
            Xunit.Assert.Equal(columns, partColumns);
            Xunit.Assert.Equal(whole.Select(r => r.Describe() + "|" + r.Raw), part.Select(r => r.Describe() + "|" + r.Raw));
        }

        return whole;
    }
}
