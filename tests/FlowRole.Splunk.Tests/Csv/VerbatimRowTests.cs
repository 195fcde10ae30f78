using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Hosting;
using Xunit;

namespace FlowRole.Splunk.Tests.Csv;

/// <summary>
/// Rows copied as received (<see cref="SplunkCsvReader.RowVerbatim"/>): only rows whose bytes are valid CSV for the
/// same values qualify, and copying them, whole or in runs around a replaced column, gives back the same values.
/// </summary>
public sealed class VerbatimRowTests
{
    private const string Header = "\"src_ip\",b,\"c\",d,\"__mv_b\"\n";

    [Theory]
    [InlineData("\"10.0.0.1\",x,\"y z\",,\n", true)]
    [InlineData("\"10.0.0.1\",x,\"y z\",,\r\n", true)]
    [InlineData("\"10.0.0.1\",x,\"y \"\"q\"\" z\",,\n", false)] // unescaping a doubled quote moves bytes
    [InlineData("\"10.0.0.1\",x\"y,\"c\",,\n", false)] // a quote inside an unquoted field
    [InlineData("\"10.0.0.1\",x\ry,\"c\",,\n", false)] // a bare CR inside a value
    [InlineData("\"10.0.0.1\",x,\"multi\r\nline\",,\n", false)] // a CR inside quotes
    [InlineData("\"10.0.0.1\",x,\"multi\nline\",,\n", true)]
    [InlineData("\"10.0.0.1\",x,\"c\"\n", false)] // a short row
    [InlineData("\"10.0.0.1\",x,\"c\"junk,,\n", false)] // text after a closing quote
    public void Only_rows_that_copy_as_the_same_values_are_verbatim(string row, bool verbatim)
    {
        var reader = new SplunkCsvReader();
        reader.Reset(Encoding.UTF8.GetBytes(Header + row));
        Assert.True(reader.ReadHeader());
        Assert.True(reader.ReadRow());
        Assert.Equal(verbatim, reader.RowVerbatim);
    }

    [Theory]
    [InlineData("")]
    [InlineData("b")]
    [InlineData("src_ip,d")]
    [InlineData("c")]
    public void Copied_rows_read_back_as_the_same_values(string replacedNames)
    {
        string[] replaced = replacedNames.Split(',', StringSplitOptions.RemoveEmptyEntries);
        string body = Header
            + "\"10.0.0.1\",x,\"y, z\",,\n"
            + "\"10.0.0.2\",x,\"y \"\"q\"\" z\",,\n"
            + "plain,\"\",\"multi\nline\",1,\"$a$;$b$\"\r\n"
            + "\"10.0.0.3\",x\"y,c,d,\n"
            + "\"10.0.0.4\",x\ry,c,d,\n"
            + "short\n"
            + "last,row,without,terminator,";
        List<string[]> expected = Values(ReadAllRows(Encoding.UTF8.GetBytes(body)), replaced);

        var reader = new SplunkCsvReader();
        reader.Reset(Encoding.UTF8.GetBytes(body));
        Assert.True(reader.ReadHeader());
        var output = new ArrayBufferWriter<byte>();
        var writer = new SplunkCsvWriter(output);
        var columns = new PassThroughColumns(reader.Header!, replaced);
        columns.WriteHeader(writer);
        writer.EndRow();
        while (reader.ReadRow())
        {
            columns.WriteRecord(reader, writer);
        }

        writer.Flush();
        List<string[]> copied = ReadAllRows(output.WrittenSpan.ToArray());
        Assert.Equal(expected.Count, copied.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            // Every kept column present, with its value; nothing else.
            Assert.Equal(expected[i], copied[i]);
        }
    }

    private static List<string[]> ReadAllRows(byte[] body)
    {
        var reader = new SplunkCsvReader();
        reader.Reset(body);
        var rows = new List<string[]>();
        Assert.True(reader.ReadHeader());
        rows.Add([.. reader.Header!.Names]);
        while (reader.ReadRow())
        {
            var row = new string[reader.Header.Count];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = Encoding.UTF8.GetString(reader.Field(i));
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The rows (header first) without the replaced columns and their __mv_ companions.</summary>
    private static List<string[]> Values(List<string[]> rows, string[] replaced)
    {
        var drop = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in replaced)
        {
            drop.Add(name);
            drop.Add("__mv_" + name);
        }

        var kept = new List<int>();
        for (int i = 0; i < rows[0].Length; i++)
        {
            if (!drop.Contains(rows[0][i]))
            {
                kept.Add(i);
            }
        }

        var result = new List<string[]>();
        foreach (string[] row in rows)
        {
            result.Add(kept.ConvertAll(i => row[i]).ToArray());
        }

        return result;
    }
}
