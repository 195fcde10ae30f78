using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Formats;
using Xunit;
using static FlowRole.Tests.Formats.ReaderHarness;

namespace FlowRole.Tests.Formats;

public class DelimitedReaderTests
{
    [Fact]
    public void Reads_a_header_and_rows_byte_for_byte()
    {
        List<Row> rows = ReadAllChunked("src_ip,dest_ip,note\n10.0.0.1,10.0.0.2,héllo wörld\n10.0.0.3,10.0.0.4,\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal(new[] { "src_ip", "dest_ip", "note" }, rows[0].Columns);
        Assert.Equal(new[] { "10.0.0.1", "10.0.0.2", "héllo wörld" }, rows[0].Values);
        Assert.Equal(new[] { "10.0.0.3", "10.0.0.4", "" }, rows[1].Values);
        Assert.Equal(new long[] { 2, 3 }, rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Handles_rfc4180_quotes_embedded_newlines_crlf_and_a_bom()
    {
        string text = "\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nplain,\"\",last\r\n\"q\",z,\"end\"";
        List<Row> rows = ReadAllChunked(text);
        Assert.Equal(new[] { "a", "b", "c" }, rows[0].Columns);
        Assert.Equal(new[] { "x, y", "say \"hi\"", "two\r\nlines" }, rows[0].Values);
        Assert.Equal(new[] { "plain", "", "last" }, rows[1].Values);
        Assert.Equal(new[] { "q", "z", "end" }, rows[2].Values);
        Assert.Equal(new long[] { 2, 4, 5 }, rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Blank_lines_are_skipped_and_line_numbers_stay_true()
    {
        List<Row> rows = ReadAllChunked("\n\na,b\n\n1,2\r\n\r\n3,4\n\n");
        Assert.Equal(new[] { "a", "b" }, rows[0].Columns);
        Assert.Equal(new long[] { 5, 7 }, rows.Select(r => r.Line));
        Assert.Equal(new[] { "3", "4" }, rows[1].Values);
    }

    [Fact]
    public void A_trailing_delimiter_is_an_empty_last_field()
    {
        List<Row> rows = ReadAllChunked("a,b\n1,\n2,");
        Assert.Equal(new[] { "1", "" }, rows[0].Values);
        Assert.Equal(new[] { "2", "" }, rows[1].Values);
    }

    [Fact]
    public void Wrong_field_counts_are_reported_and_the_row_is_kept()
    {
        List<Row> rows = ReadAllChunked("a,b,c\n1,2\n1,2,3,4,5\n7,8,9\n");
        Assert.Equal("line 2: 2 fields where the header has 3", rows[0].Error);
        Assert.Equal(new[] { "1", "2" }, rows[0].Values);
        Assert.Equal("line 3: 5 fields where the header has 3 (extra: '4', '5')", rows[1].Error);
        Assert.Equal(new[] { "1", "2", "3", "4", "5" }, rows[1].Values);
        Assert.Null(rows[2].Error);
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_kept_and_reported()
    {
        List<Row> rows = ReadAllChunked("a,b\n\"x\"y,2\n3,4\n");
        Assert.Equal("line 2: text after the closing quote of field 1 (kept as part of the field)", rows[0].Error);
        Assert.Equal(new[] { "xy", "2" }, rows[0].Values);
        Assert.Null(rows[1].Error);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_text()
    {
        List<Row> rows = ReadAllChunked("a,b\n5\" disk,x\n");
        Assert.Null(rows[0].Error);
        Assert.Equal(new[] { "5\" disk", "x" }, rows[0].Values);
    }

    [Fact]
    public void An_unterminated_quote_is_read_as_plain_text_to_the_line_end()
    {
        List<Row> rows = ReadAllChunked("a,b\n1,\"open\n2,3\n4,5\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal("line 2: unterminated quoted field 2; the line was read without quote processing", rows[0].Error);
        Assert.Equal(new[] { "1", "\"open" }, rows[0].Values);
        Assert.Equal(new[] { "2", "3" }, rows[1].Values);
        Assert.Equal(3, rows[1].Line);
        Assert.Equal(new[] { "4", "5" }, rows[2].Values);
    }

    [Fact]
    public void Tsv_has_no_quoting()
    {
        List<Row> rows = ReadAllChunked("a\tb\n\"x\ty\n", InputFormat.Tsv);
        Assert.Equal(new[] { "\"x", "y" }, rows[0].Values);
    }

    [Fact]
    public void Empty_and_header_only_inputs_have_no_rows()
    {
        Assert.Empty(ReadAllChunked(""));
        List<Row> none = ReadAll(Encoding.UTF8.GetBytes("a,b\n"), InputFormat.Csv, 3, out IReadOnlyList<string> columns);
        Assert.Empty(none);
        Assert.Equal(new[] { "a", "b" }, columns);
    }

    [Fact]
    public void Memory_stays_flat_and_rows_allocate_nothing()
    {
        // 300,000 rows streamed from a generator: the reader's buffers are sized by the row, not the input.
        using var stream = new GeneratedCsv(300_000);
        using FlowReader reader = FlowReader.Open(stream, InputFormat.Csv);
        Assert.True(reader.Read());
        long before = GC.GetAllocatedBytesForCurrentThread();
        long rows = 1;
        while (reader.Read())
        {
            rows++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(300_000, rows);
        Assert.Equal(300_000, reader.RowCount);
        Assert.True(allocated < 64 * 1024, "allocated " + allocated + " bytes for 300,000 rows");
    }

    /// <summary>A CSV produced on the fly (never held in memory): a header, then one prepared block of rows repeated.</summary>
    private sealed class GeneratedCsv : Stream
    {
        private const int BlockRows = 1000;
        private readonly byte[] _header = Encoding.ASCII.GetBytes("ts,src_ip,src_port,dest_ip,dest_port,transport,note\n");
        private readonly byte[] _block;
        private readonly int _blocks;
        private int _blockIndex = -1;
        private int _offset;

        public GeneratedCsv(int rows)
        {
            _blocks = rows / BlockRows;
            var sb = new StringBuilder();
            for (int i = 0; i < BlockRows; i++)
            {
                sb.Append("2026-08-01T00:00:00Z,10.0.").Append(i % 250).Append(".1,").Append(40000 + i).Append(",93.184.216.34,443,tcp,\"a, b\"\n");
            }

            _block = Encoding.ASCII.GetBytes(sb.ToString());
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            byte[] current = _blockIndex < 0 ? _header : _block;
            if (_offset == current.Length)
            {
                if (_blockIndex + 1 >= _blocks)
                {
                    return 0;
                }

                _blockIndex++;
                _offset = 0;
                current = _block;
            }

            int n = Math.Min(count, current.Length - _offset);
            Array.Copy(current, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
