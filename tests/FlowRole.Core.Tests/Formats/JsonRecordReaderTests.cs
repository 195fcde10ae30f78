using System.Collections.Generic;
using System.Linq;
using System.Text;
using FlowRole.Formats;
using Xunit;
using static FlowRole.Tests.Formats.ReaderHarness;

namespace FlowRole.Tests.Formats;

public class JsonRecordReaderTests
{
    [Fact]
    public void Nested_and_dotted_names_are_the_same_column()
    {
        string text = "{\"id\":{\"orig_h\":\"10.0.0.1\",\"orig_p\":50000},\"proto\":\"tcp\"}\n"
            + "{\"id.orig_h\":\"10.0.0.3\",\"id.orig_p\":1,\"proto\":\"udp\"}\n";
        List<Row> rows = ReadAllChunked(text);
        Assert.Equal(new[] { "id.orig_h", "id.orig_p", "proto" }, rows[1].Columns);
        Assert.Equal(new[] { "10.0.0.1", "50000", "tcp" }, rows[0].Values);
        Assert.Equal(new[] { "10.0.0.3", "1", "udp" }, rows[1].Values);
        Assert.Equal(new[] { CellKind.Text, CellKind.Number, CellKind.Text }, rows[0].Kinds);
        Assert.Equal("{\"id\":{\"orig_h\":\"10.0.0.1\",\"orig_p\":50000},\"proto\":\"tcp\"}", rows[0].Raw);
    }

    [Fact]
    public void Values_keep_their_kinds_strings_are_unescaped_arrays_and_empty_objects_are_raw()
    {
        string text = "{\"s\":\"a\\\"b\\u00e9\\n\",\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null,\"arr\":[1,{\"x\":2}],\"e\":{},\"k\\u0041\":1}";
        Row row = ReadAllChunked(text).Single();
        Assert.Equal(new[] { "s", "n", "t", "f", "z", "arr", "e", "kA" }, row.Columns);
        Assert.Equal(new[] { "a\"bé\n", "-1.5e3", "true", "false", "null", "[1,{\"x\":2}]", "{}", "1" }, row.Values);
        Assert.Equal(new[] { CellKind.Text, CellKind.Number, CellKind.Boolean, CellKind.Boolean, CellKind.Null, CellKind.Json, CellKind.Json, CellKind.Number }, row.Kinds);
    }

    [Fact]
    public void Records_missing_a_key_have_a_missing_cell_and_columns_grow()
    {
        List<Row> rows = ReadAllChunked("{\"a\":1}\n{\"b\":2}\n{\"a\":3,\"b\":4}\n");
        Assert.Equal(new string?[] { "1" }, rows[0].Values);
        Assert.Equal(new string?[] { null, "2" }, rows[1].Values);
        Assert.Equal(new string?[] { "3", "4" }, rows[2].Values);
    }

    [Fact]
    public void Pretty_printed_objects_and_arrays_of_objects_are_records()
    {
        string text = "[\n  {\n    \"a\": 1,\n    \"b\": {\"c\": \"x\"}\n  },\n  {\"a\": 2}\n]\n{\"a\":3}\n";
        List<Row> rows = ReadAllChunked(text);
        Assert.Equal(3, rows.Count);
        Assert.Equal(new long[] { 2, 6, 8 }, rows.Select(r => r.Line));
        Assert.Equal(new[] { "1", "x" }, rows[0].Values);
        Assert.Equal("3", rows[2]["a"]);
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void A_broken_line_is_an_error_row_with_its_text_and_reading_resumes()
    {
        string text = "{\"a\":1}\n{\"a\":2,,}\n{\"a\":3}\nnot json\n{\"a\":4}";
        List<Row> rows = ReadAllChunked(text);
        Assert.Equal(5, rows.Count);
        Assert.Null(rows[0].Error);
        Assert.StartsWith("line 2: invalid JSON (", rows[1].Error);
        Assert.EndsWith(" at line 2, byte 8): {\"a\":2,,}", rows[1].Error);
        Assert.Equal("3", rows[2]["a"]);
        Assert.StartsWith("line 4: invalid JSON (", rows[3].Error);
        Assert.EndsWith("): not json", rows[3].Error);
        Assert.Equal("", rows[3].Raw);
        Assert.Equal("4", rows[4]["a"]);
        Assert.Equal(5, rows[4].Line);
    }

    [Fact]
    public void A_value_that_is_not_an_object_is_reported()
    {
        List<Row> rows = ReadAllChunked("5\n\"x\"\n[1,[2]]\n{\"a\":1}\n", InputFormat.Json);
        Assert.Equal("line 1: not a JSON object: 5", rows[0].Error);
        Assert.Equal("line 2: not a JSON object: \"x\"", rows[1].Error);
        Assert.Equal("line 3: not a JSON object: 1", rows[2].Error);
        Assert.Equal("line 3: not a JSON object: [2]", rows[3].Error);
        Assert.Equal("1", rows[4]["a"]);
        Assert.Equal(5, rows.Count);
    }

    [Fact]
    public void A_truncated_last_record_is_reported()
    {
        List<Row> rows = ReadAllChunked("{\"a\":1}\n{\"a\":");
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("line 2: invalid JSON (", rows[1].Error);
        Assert.EndsWith("): {\"a\":", rows[1].Error);
    }

    [Fact]
    public void A_name_given_twice_keeps_the_first_value_and_reports_a_difference()
    {
        List<Row> rows = ReadAllChunked("{\"id.orig_h\":\"10.0.0.1\",\"id\":{\"orig_h\":\"10.0.0.1\"}}\n{\"id.orig_h\":\"10.0.0.1\",\"id\":{\"orig_h\":\"10.0.0.9\"}}\n");
        Assert.Null(rows[0].Error);
        Assert.Equal("line 2: field 'id.orig_h' appears twice with different values; the first is used", rows[1].Error);
        Assert.Equal("10.0.0.1", rows[1]["id.orig_h"]);
    }

    [Fact]
    public void ReadAllColumns_gives_the_union()
    {
        using FlowReader reader = FlowReader.Open(new System.IO.MemoryStream(Encoding.UTF8.GetBytes("{\"a\":1}\n{\"b\":{\"c\":2}}\n")));
        Assert.False(reader.ColumnsAreFinal);
        Assert.Equal(new[] { "a", "b.c" }, reader.ReadAllColumns());
        Assert.True(reader.ColumnsAreFinal);
    }
}
