using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Tests.Infrastructure;
using Xunit;

namespace FlowRole.Splunk.Tests.Csv;

public sealed class SplunkCsvWriterTests
{
    private static string Write(bool crlf, params string[][] rows)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new SplunkCsvWriter(buffer, crlf);
        foreach (string[] row in rows)
        {
            foreach (string field in row)
            {
                writer.WriteField(Encoding.UTF8.GetBytes(field));
            }

            writer.EndRow();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Quotes_only_what_needs_quoting()
    {
        Assert.Equal("a,b c,\"x,y\",\"say \"\"hi\"\"\",\"l1\nl2\",\"cr\r\",ท,\r\n",
            Write(true, ["a", "b c", "x,y", "say \"hi\"", "l1\nl2", "cr\r", "ท", ""]));
        Assert.Equal("1,2\n", Write(false, ["1", "2"]));
    }

    [Fact]
    public void Round_trips_through_the_reader_for_awkward_values()
    {
        string[][] rows =
        [
            ["h1", "h2", "h3"],
            ["", "\"", "\"\""],
            [",", "\r\n", "\n\n"],
            ["ท\"ท", "$a$;$b$", " lead and trail "],
        ];
        foreach (bool crlf in new[] { true, false })
        {
            byte[] body = Encoding.UTF8.GetBytes(Write(crlf, rows));

            // The reader unescapes in place, so the independent parser reads the bytes first.
            Assert.Equal(rows, TestCsv.Parse(body).ToArray());
            var reader = new SplunkCsvReader();
            reader.Reset(body);
            Assert.True(reader.ReadHeader());
            Assert.Equal(rows[0], reader.Header!.Names);
            for (int r = 1; r < rows.Length; r++)
            {
                Assert.True(reader.ReadRow());
                Assert.Null(reader.RowError);
                Assert.Equal(rows[r], Enumerable.Range(0, reader.FieldCount).Select(i => Encoding.UTF8.GetString(reader.Field(i))).ToArray());
            }

            Assert.False(reader.ReadRow());
        }
    }

    [Fact]
    public void Random_records_round_trip()
    {
        var random = new Random(1234);
        const string alphabet = "ab,\"\r\n $ท€😀";
        for (int trial = 0; trial < 200; trial++)
        {
            int columns = random.Next(1, 6);
            var rows = new List<string[]>();
            rows.Add(Enumerable.Range(0, columns).Select(c => "c" + c).ToArray());
            int count = random.Next(0, 8);
            for (int r = 0; r < count; r++)
            {
                rows.Add(Enumerable.Range(0, columns).Select(_ => RandomText(random, alphabet)).ToArray());
            }

            byte[] body = Encoding.UTF8.GetBytes(Write(random.Next(2) == 0, rows.ToArray()));
            var reader = new SplunkCsvReader();
            reader.Reset(body);
            Assert.True(reader.ReadHeader());
            for (int r = 1; r < rows.Count; r++)
            {
                Assert.True(reader.ReadRow());
                Assert.Null(reader.RowError);
                Assert.Equal(rows[r], Enumerable.Range(0, reader.FieldCount).Select(i => Encoding.UTF8.GetString(reader.Field(i))).ToArray());
            }

            // A single-column row whose value is empty is a blank line; it is read back as a record too.
            Assert.False(reader.ReadRow());
        }
    }

    private static string RandomText(Random random, string alphabet)
    {
        var text = new StringBuilder();
        int length = random.Next(0, 6);
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(alphabet);
        var pieces = new List<string>();
        while (elements.MoveNext())
        {
            pieces.Add((string)elements.Current);
        }

        for (int i = 0; i < length; i++)
        {
            text.Append(pieces[random.Next(pieces.Count)]);
        }

        return text.ToString();
    }
}
