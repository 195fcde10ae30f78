using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using FlowRole.Formats;
using FlowRole.Splunk.Csv;
using Xunit;

namespace FlowRole.Splunk.Tests.Csv;

/// <summary>
/// The reader's fast path for plain rows (<see cref="SplunkCsvReader.SimpleRows"/>) must read every body exactly as
/// the general path does: the same rows, cells, values, errors and verbatim flags, whatever the row holds (quotes,
/// doubled quotes, CR, LF inside quotes, short and long rows, blank lines, multibyte text, a body that ends mid-row).
/// </summary>
public sealed class SimpleRowPathTests
{
    private static readonly string[] Pieces =
    [
        "", "x", "53", "tcp", "10.0.0.1", "\"10.0.0.1\"", "\"192.168.140.208\"", "\"\"", "\"a,b\"", "\"multi\nline\"",
        "\"multi\r\nline\"", "\"say \"\"hi\"\"\"", "x\"y", "x\ry", "\"closed\"junk", "\"a long quoted value that spans more than two vectors of sixteen\"",
        "a-long-unquoted-value-that-spans-more-than-two-vectors", "\"über\"", "naïve", "\"\"\"\"", "\"only\rcr\"",
        "\"a long, quoted\nvalue with commas, and line ends,\nspanning several blocks\"", "\"ends in a quote\"\"\"",
    ];

    [Fact]
    public void RawCell_has_Cells_layout()
    {
        Assert.Equal(Unsafe.SizeOf<Cell>(), Unsafe.SizeOf<RawCell>());
        var raw = new RawCell(123_456, 7_890);
        Cell cell = Unsafe.As<RawCell, Cell>(ref raw);
        Assert.Equal(Cell.Text(123_456, 7_890), cell);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(10)]
    public void Random_bodies_read_the_same_on_both_paths(int columns)
    {
        var random = new Random(columns * 7919);
        for (int body = 0; body < 300; body++)
        {
            var text = new StringBuilder();
            text.Append(string.Join(',', Names(columns))).Append('\n');
            int rows = random.Next(1, 40);
            for (int r = 0; r < rows; r++)
            {
                // Mostly rows of the header's width, some shorter or longer, some blank.
                int width = random.Next(10) switch
                {
                    0 => 0,
                    1 => Math.Max(1, columns - 1),
                    2 => columns + 1,
                    _ => columns,
                };
                for (int c = 0; c < width; c++)
                {
                    text.Append(c == 0 ? "" : ",");
                    text.Append(random.Next(3) == 0 ? Pieces[random.Next(Pieces.Length)] : Pieces[random.Next(7)]);
                }

                bool last = r == rows - 1;
                if (!last || random.Next(3) > 0)
                {
                    text.Append(random.Next(6) == 0 ? "\r\n" : "\n");
                }
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
            Assert.Equal(Read(bytes, simple: false), Read(bytes, simple: true));
        }
    }

    [Fact]
    public void Splunkd_rows_take_the_fast_path_with_the_same_result()
    {
        var text = new StringBuilder("\"src_ip\",\"src_port\",\"dest_ip\",\"dest_port\",transport,\"__mv_src_ip\"\n");
        for (int i = 0; i < 100; i++)
        {
            text.Append("\"10.1.").Append(i).Append(".7\",").Append(40000 + i).Append(",\"192.168.0.").Append(i).Append("\",443,tcp,\n");
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        List<string> slow = Read(bytes, simple: false);
        Assert.Equal(slow, Read(bytes, simple: true));
        Assert.Equal(100, slow.Count);
        Assert.StartsWith("1|v|10.1.0.7|40000|192.168.0.0|443|tcp|@", slow[0], StringComparison.Ordinal);
    }

    private static IEnumerable<string> Names(int columns)
    {
        for (int i = 0; i < columns; i++)
        {
            yield return i % 2 == 0 ? "\"c" + i + "\"" : "c" + i;
        }
    }

    /// <summary>Each row as one line: its number, verbatim flag, values (and their cells), error.</summary>
    private static List<string> Read(byte[] body, bool simple)
    {
        var reader = new SplunkCsvReader { SimpleRows = simple };
        reader.Reset((byte[])body.Clone());
        var rows = new List<string>();
        if (!reader.ReadHeader())
        {
            return rows;
        }

        while (reader.ReadRow())
        {
            var line = new StringBuilder();
            line.Append(reader.RowNumber).Append('|').Append(reader.RowVerbatim ? "v" : "-");
            for (int i = 0; i < reader.FieldCount; i++)
            {
                line.Append('|').Append(Encoding.UTF8.GetString(reader.Field(i)));
            }

            foreach (Cell cell in reader.Cells)
            {
                line.Append('@').Append(cell.Start).Append(':').Append(cell.Length).Append(':').Append(cell.Kind);
            }

            line.Append('#').Append(reader.RowError);
            rows.Add(line.ToString());
        }

        return rows;
    }
}
