using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using FlowRole.Formats;

namespace FlowRole.Tests.Properties;

/// <summary>
/// Random flow tables (columns from the alias vocabulary and made-up ones; values that are valid flow fields, near
/// misses and hostile text) and their rendering in each input format, with the quoting each format needs.
/// </summary>
internal static class TableGen
{
    private static readonly string[] FlowColumns =
        ["src_ip", "src_port", "dest_ip", "dest_port", "transport", "tcp_flags", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "history", "conn_state", "bytes_in", "direction"];

    private static readonly string[] OtherColumns = ["note", "host", "_time", "user", "a b", "x,y", "Ünïcode", "dup", "dup"];

    private static readonly string[] Values =
    [
        "10.0.0.1", "192.168.1.20", "93.184.216.34", "2001:db8::1", "fe80::1%eth0", "::ffff:10.0.0.1", "0.0.0.0", "255.255.255.255", "10.0.0.256",
        "443", "53", "0", "65535", "65536", "-1", "tcp", "UDP", "icmp", "17", "S", "SA", "SYN,ACK", "0x12", "ShADadFf", "S0", "REJ", "-", "(empty)",
        "", " ", "null", "true", "ท", "日本語", "emoji 😀", "café", "tab\tinside", "comma, inside", "quote \" inside", "line\nbreak", "cr\r\nlf", "=1+2", "@SUM(A1)",
        "\\", "back\\slash", "{\"json\":1}", "[1,2]", "#hash",
    ];

    /// <summary>A table: 2-8 columns, 0-12 rows.</summary>
    public static Table Table(Random random)
    {
        int columnCount = random.Next(2, 9);
        var columns = new List<string>();
        var pool = FlowColumns.Concat(OtherColumns).ToArray();
        while (columns.Count < columnCount)
        {
            string name = pool[random.Next(pool.Length)];
            if (name != "dup" && columns.Contains(name))
            {
                continue;
            }

            columns.Add(name);
        }

        var rows = new List<string[]>();
        int rowCount = random.Next(13);
        for (int r = 0; r < rowCount; r++)
        {
            var row = new string[columnCount];
            for (int c = 0; c < columnCount; c++)
            {
                row[c] = random.Next(6) == 0 ? RandomText(random) : Values[random.Next(Values.Length)];
            }

            rows.Add(row);
        }

        return new Table(columns.ToArray(), rows);
    }

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        int length = random.Next(1, 12);
        for (int i = 0; i < length; i++)
        {
            text.Append(random.Next(5) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => ",\"\n\t\r\\ #"[random.Next(8)],
                2 => (char)random.Next(0xA0, 0x800),
                3 => (char)random.Next(0x3040, 0x30FF),
                _ => (char)random.Next('a', 'z' + 1),
            });
        }

        return text.ToString();
    }

    /// <summary>Renders a table; values a format cannot hold (a tab in TSV, a line break in a line format) are changed first.</summary>
    public static (byte[] Bytes, Table Expected) Render(Table table, InputFormat format, Random random)
    {
        Table expected = format switch
        {
            InputFormat.Csv or InputFormat.Json => table,
            _ => table.Map(v => v.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ')),
        };

        if (format is InputFormat.Zeek)
        {
            // A Zeek line is data unless it starts with '#', and a blank line is skipped: the first column is a timestamp.
            expected = expected.WithLeadingColumn("ts", r => "1600000000." + r.ToString("D6", CultureInfo.InvariantCulture));
        }

        string newline = random.Next(2) == 0 ? "\n" : "\r\n";
        var text = new StringBuilder();
        switch (format)
        {
            case InputFormat.Csv:
                text.Append(string.Join(",", expected.Columns.Select(Csv))).Append(newline);
                foreach (string[] row in expected.Rows)
                {
                    text.Append(string.Join(",", row.Select(Csv))).Append(newline);
                }

                break;
            case InputFormat.Tsv:
                text.Append(string.Join("\t", expected.Columns)).Append(newline);
                foreach (string[] row in expected.Rows)
                {
                    text.Append(string.Join("\t", row)).Append(newline);
                }

                break;
            case InputFormat.Zeek:
                text.Append("#separator \\x09\n#set_separator\t,\n#path\tconn\n#fields\t").Append(string.Join("\t", expected.Columns)).Append('\n');
                text.Append("#types\t").Append(string.Join("\t", expected.Columns.Select(_ => "string"))).Append('\n');
                foreach (string[] row in expected.Rows)
                {
                    text.Append(string.Join("\t", row)).Append(newline);
                }

                text.Append("#close\t2026-08-01-00-00-00\n");
                break;
            case InputFormat.Json:
                // JSON objects cannot repeat a name usefully; keep the first of each. Names exist only through records.
                expected = expected.Distinct();
                if (expected.Rows.Count == 0)
                {
                    expected = new Table([], expected.Rows);
                }

                foreach (string[] row in expected.Rows)
                {
                    text.Append('{').Append(string.Join(",", expected.Columns.Select((c, i) => JsonSerializer.Serialize(c) + ":" + JsonSerializer.Serialize(row[i])))).Append('}').Append(newline);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }

        return (Encoding.UTF8.GetBytes(text.ToString()), expected);
    }

    // RFC 4180: quote a value holding a comma, quote or line break; also quote at random-free points where a
    // producer might (a value with a leading space), which readers must accept too.
    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || value.StartsWith(' ') ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
