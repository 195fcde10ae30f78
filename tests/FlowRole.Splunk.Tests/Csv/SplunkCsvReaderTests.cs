using System;
using System.Collections.Generic;
using System.Text;
using FlowRole.Splunk.Csv;
using Xunit;

namespace FlowRole.Splunk.Tests.Csv;

public sealed class SplunkCsvReaderTests
{
    private static (SplunkCsvReader Reader, List<string[]> Rows, List<string?> Errors) ReadAll(byte[] body)
    {
        var reader = new SplunkCsvReader();
        reader.Reset(body);
        var rows = new List<string[]>();
        var errors = new List<string?>();
        if (!reader.ReadHeader())
        {
            return (reader, rows, errors);
        }

        while (reader.ReadRow())
        {
            var row = new string[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = Encoding.UTF8.GetString(reader.Field(i));
            }

            rows.Add(row);
            errors.Add(reader.RowError);
        }

        return (reader, rows, errors);
    }

    private static (SplunkCsvReader Reader, List<string[]> Rows, List<string?> Errors) ReadAll(string body) => ReadAll(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Reads_splunkd_quoting_as_in_the_recordings()
    {
        var (reader, rows, errors) = ReadAll("\"_serial\",\"_time\",text,\"__mv__serial\",\"__mv__time\",\"__mv_text\"\n"
            + "0,1380899494,\"say \"\"hi\"\", ok\",,,\n"
            + "1,\"1380899494.5\",\"line one\nline two\r\nline three\",,,\n");
        SplunkCsvHeader header = reader.Header!;
        Assert.Equal(["_serial", "_time", "text", "__mv__serial", "__mv__time", "__mv_text"], header.Names);
        Assert.Equal(3, header.MultivalueColumnOf(0));
        Assert.Equal(5, header.MultivalueColumnOf(2));
        Assert.Equal(-1, header.MultivalueColumnOf(3));
        Assert.True(header.IsMultivalueColumn(4));
        Assert.Equal(["0", "1380899494", "say \"hi\", ok", "", "", ""], rows[0]);
        Assert.Equal(["1", "1380899494.5", "line one\nline two\r\nline three", "", "", ""], rows[1]);
        Assert.All(errors, Assert.Null);
    }

    [Theory]
    [InlineData("a,b\n1,2\n3,4\n")]
    [InlineData("a,b\r\n1,2\r\n3,4\r\n")]
    [InlineData("a,b\n1,2\n3,4")]
    [InlineData("a,b\r\n1,2\r\n3,4")]
    [InlineData("a,b\n1,2\r\n3,4\n")]
    [InlineData("\"a\",\"b\"\r\n\"1\",\"2\"\r\n\"3\",\"4\"")]
    public void Accepts_lf_crlf_and_a_missing_last_terminator(string body)
    {
        var (_, rows, errors) = ReadAll(body);
        Assert.Equal([["1", "2"], ["3", "4"]], rows);
        Assert.All(errors, Assert.Null);
    }

    [Fact]
    public void Empty_and_header_only_bodies_have_no_records()
    {
        Assert.False(ReadAll("").Reader.Header is not null);
        var (reader, rows, _) = ReadAll("_time,x\n");
        Assert.Equal(2, reader.Header!.Count);
        Assert.Empty(rows);
        Assert.Empty(ReadAll("_time,x").Rows);
    }

    [Fact]
    public void Empty_fields_trailing_commas_and_a_lone_cr_inside_a_value()
    {
        var (_, rows, errors) = ReadAll("a,b,c\n,,\n1,,\n,x\ry,\n\"\",\"\",\"\"\n");
        Assert.Equal([["", "", ""], ["1", "", ""], ["", "x\ry", ""], ["", "", ""]], rows);
        Assert.All(errors, Assert.Null);
    }

    [Fact]
    public void Blank_lines_are_skipped_unless_the_header_has_one_column()
    {
        Assert.Equal([["1", "2"]], ReadAll("a,b\n\n1,2\n\r\n").Rows);
        Assert.Equal([["1"], [""], ["2"]], ReadAll("a\n1\n\n2\n").Rows);
    }

    [Fact]
    public void Non_utf8_bytes_pass_through_untouched()
    {
        byte[] body = [(byte)'a', (byte)'\n', 0xFF, 0xC3, (byte)'x', (byte)'\n', (byte)'"', 0x80, (byte)'"', (byte)'\n'];
        var reader = new SplunkCsvReader();
        reader.Reset(body);
        Assert.True(reader.ReadHeader());
        Assert.True(reader.ReadRow());
        Assert.Equal([0xFF, 0xC3, (byte)'x'], reader.Field(0).ToArray());
        Assert.True(reader.ReadRow());
        Assert.Equal([0x80], reader.Field(0).ToArray());
        Assert.False(reader.ReadRow());
    }

    [Fact]
    public void Short_and_long_rows_are_flagged_not_fatal()
    {
        var (_, rows, errors) = ReadAll("a,b,c\n1,2\n1,2,3,4\n5,6,7\n");
        Assert.Equal(["1", "2"], rows[0]);
        Assert.Equal("CSV row 1 has 2 fields but the header has 3; the missing fields are empty", errors[0]);
        Assert.Equal("CSV row 2 has 4 fields but the header has 3; the extra fields are dropped", errors[1]);
        Assert.Null(errors[2]);
        Assert.Equal(["5", "6", "7"], rows[2]);
    }

    [Fact]
    public void Unterminated_quote_takes_the_rest_of_the_body_and_says_so()
    {
        var (_, rows, errors) = ReadAll("a,b\n1,2\n3,\"open\n4,5\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["3", "open\n4,5\n"], rows[1]);
        Assert.Contains("CSV row 2: a quoted field starting at byte 10 is never closed", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_kept_and_flagged()
    {
        var (_, rows, errors) = ReadAll("a,b\n\"x\"y,2\n3,4\n");
        Assert.Equal(["xy", "2"], rows[0]);
        Assert.Contains("unexpected text after the closing quote", errors[0], StringComparison.Ordinal);
        Assert.Equal(["3", "4"], rows[1]);
        Assert.Null(errors[1]);
    }

    [Fact]
    public void Malformed_header_is_a_format_error()
    {
        var reader = new SplunkCsvReader();
        reader.Reset(Encoding.UTF8.GetBytes("a,\"b\n1,2\n"));
        FormatException e = Assert.Throws<FormatException>(() => reader.ReadHeader());
        Assert.Contains("CSV header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wide_rows_grow_the_field_table()
    {
        string header = string.Join(",", System.Linq.Enumerable.Range(0, 100));
        var (_, rows, errors) = ReadAll(header + "\n" + header + "\n");
        Assert.Equal(100, rows[0].Length);
        Assert.Equal("99", rows[0][99]);
        Assert.Null(errors[0]);
    }
}
