using System.Collections.Generic;
using System.Linq;
using FlowRole.Formats;
using Xunit;
using static FlowRole.Tests.Formats.ReaderHarness;

namespace FlowRole.Tests.Formats;

public class ZeekLogReaderTests
{
    private const string Header =
        "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#open\t2026-08-01-00-00-00\n"
        + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\thistory\n"
        + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\n";

    [Fact]
    public void Reads_headers_and_rows_keeping_values_as_written()
    {
        string text = Header
            + "1.5\tCabc\t10.0.0.1\t50000\t10.0.0.2\t80\ttcp\tShADadFf\n"
            + "2.5\tCdef\tfe80::1\t135\tff02::1\t136\ticmp\t-\n"
            + "#close\t2026-08-01-01-00-00\n";
        List<Row> rows = ReadAllChunked(text);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new[] { "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "history" }, rows[0].Columns);
        Assert.Equal(new[] { "1.5", "Cabc", "10.0.0.1", "50000", "10.0.0.2", "80", "tcp", "ShADadFf" }, rows[0].Values);
        Assert.Equal("-", rows[1]["history"]);
        Assert.Equal(new long[] { 9, 10 }, rows.Select(r => r.Line));
        Assert.Equal(InputFormat.Zeek, FormatDetector.Detect(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void A_wrong_field_count_is_reported_with_its_line()
    {
        string text = Header + "1.5\tCabc\t10.0.0.1\n" + "1.5\tCabc\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\tS\textra\n";
        List<Row> rows = ReadAllChunked(text);
        Assert.Equal("line 9: 3 fields where the #fields header has 8", rows[0].Error);
        Assert.Equal("10.0.0.1", rows[0]["id.orig_h"]);
        Assert.Null(rows[0]["proto"]);
        Assert.Equal("line 10: 9 fields where the #fields header has 8 (extra: 'extra')", rows[1].Error);
        Assert.Equal(9, rows[1].Values.Count);
    }

    [Fact]
    public void Concatenated_logs_with_other_fields_give_the_union_of_columns()
    {
        string text = Header + "1\tC1\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\tS\n"
            + "#separator \\x09\n#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tconn_state\n"
            + "2\t10.0.0.3\t3\t10.0.0.4\t4\tudp\tSF\n";
        List<Row> rows = ReadAllChunked(text);
        Assert.Equal(new[] { "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "history", "conn_state" }, rows[1].Columns);
        Assert.Equal(new[] { "2", null, "10.0.0.3", "3", "10.0.0.4", "4", "udp", null, "SF" }, rows[1].Values);
    }

    [Fact]
    public void Data_before_the_fields_header_is_reported()
    {
        List<Row> rows = ReadAllChunked("#separator \\x09\n1\t2\n#fields\ta\tb\n3\t4\n");
        Assert.Equal("line 2: data before the #fields header: '1\t2'", rows[0].Error);
        Assert.Equal(new[] { "3", "4" }, rows[1].Values);
    }

    [Fact]
    public void Another_separator_is_honoured()
    {
        List<Row> rows = ReadAllChunked("#separator \\x7c\n#fields|a|b\n1|2\n");
        Assert.Equal(new[] { "1", "2" }, rows[0].Values);
    }
}
