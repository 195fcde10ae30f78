using System.Collections.Generic;
using System.Linq;
using FlowRole.Formats;
using Xunit;
using static FlowRole.Tests.Formats.ReaderHarness;

namespace FlowRole.Tests.Formats;

public class W3CLogReaderTests
{
    [Fact]
    public void Reads_a_windows_firewall_log()
    {
        string text = "#Version: 1.5\r\n#Software: Microsoft Windows Firewall\r\n#Time Format: Local\r\n"
            + "#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid\r\n"
            + "\r\n"
            + "2026-08-01 10:00:00 ALLOW TCP 10.0.0.5 10.0.0.10 52341 3389 0 - 0 0 0 - - - RECEIVE 4 \r\n"
            + "2026-08-01 10:00:01 DROP ICMP 203.0.113.5 10.0.0.10 - - 60 - - - - 8 0 - RECEIVE 0\r\n";
        List<Row> rows = ReadAllChunked(text);
        Assert.Equal(InputFormat.WindowsFirewall, FormatDetector.Detect(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal(18, rows[0].Columns.Count);
        Assert.Equal("src-ip", rows[0].Columns[4]);
        Assert.Equal("10.0.0.5", rows[0]["src-ip"]);
        Assert.Equal("RECEIVE", rows[0]["path"]);
        Assert.Equal("4", rows[0]["pid"]);
        Assert.Equal("8", rows[1]["icmptype"]);
        Assert.Equal(new long[] { 6, 7 }, rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Short_rows_and_data_before_the_header_are_reported()
    {
        List<Row> rows = ReadAllChunked("#Version: 1.5\nx y\n#Fields: a b c\n1 2\n");
        Assert.Equal("line 2: data before the #Fields: header: 'x y'", rows[0].Error);
        Assert.Equal("line 4: 2 fields where the #Fields: header has 3", rows[1].Error);
    }
}
