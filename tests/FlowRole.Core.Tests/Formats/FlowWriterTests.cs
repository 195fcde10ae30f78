using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;
using Xunit;

namespace FlowRole.Tests.Formats;

public class FlowWriterTests
{
    private static readonly Classifier Classifier = Classifier.Default;
    private static readonly FlowResultFormatter Formatter = new(Classifier);

    /// <summary>Reads an input, classifies each row and writes it; returns the output text.</summary>
    private static string Run(string input, OutputFormat format, InputFormat inputFormat = InputFormat.Auto)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(input);
        IReadOnlyList<string> columns;
        using (FlowReader scan = FlowReader.Open(new MemoryStream(bytes), inputFormat))
        {
            columns = scan.ReadAllColumns().ToArray();
        }

        var output = new MemoryStream();
        using (FlowReader reader = FlowReader.Open(new MemoryStream(bytes), inputFormat))
        using (FlowWriter writer = FlowWriter.Create(format, output, Formatter, columns, leaveOpen: true))
        {
            FlowRecordBinder? binder = null;
            int version = -1;
            while (reader.Read())
            {
                if (reader.ColumnsVersion != version)
                {
                    binder = new FlowRecordBinder(reader.Columns);
                    version = reader.ColumnsVersion;
                }

                if (reader.RowError is { } rowError)
                {
                    writer.WriteError(reader, rowError);
                }
                else if (binder!.TryBind(reader.RowData, reader.Cells, out FlowRecord record, out FieldError error))
                {
                    writer.WriteResult(reader, Classifier.Classify(record));
                }
                else
                {
                    writer.WriteError(reader, error.Message);
                }
            }
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public void Csv_keeps_every_input_field_in_order_then_the_contract()
    {
        string input = "note,src_ip,src_port,dest_ip,dest_port,transport\n"
            + "\"a, \"\"quoted\"\" note\",10.0.0.5,51000,93.184.216.34,443,tcp\n"
            + "\"multi\nline\",10.0.0.5,51000,93.184.216.34,70000,tcp\n";
        string output = Run(input, OutputFormat.Csv);
        List<Row> rows = ReaderHarness.ReadAll(output, InputFormat.Csv);
        Assert.Equal(new[] { "note", "src_ip", "src_port", "dest_ip", "dest_port", "transport" }.Concat(OutputContract.AllFields.Select(OutputContract.NameOf)), rows[0].Columns);
        Assert.All(rows, r => Assert.Null(r.Error));

        // Input fields byte-identical after a round trip through the writer's quoting. An input column named like an
        // output field (CIM's transport) is kept in place; the output field follows it.
        Assert.Equal("tcp", rows[0].Values[5]);
        Assert.Equal(2, rows[0].Columns.Count(c => c == "transport"));
        Assert.Equal("a, \"quoted\" note", rows[0]["note"]);
        Assert.Equal("multi\nline", rows[1]["note"]);
        Assert.Equal("70000", rows[1]["dest_port"]);

        Assert.Equal("10.0.0.5", rows[0]["client_ip"]);
        Assert.Equal("443", rows[0]["server_port"]);
        Assert.Equal("https", rows[0]["service"]);
        Assert.Equal("outbound", rows[0]["direction"]);
        Assert.Equal("", rows[0]["flowrole_error"]);
        Assert.Equal(Classifier.CommunityId.Compute(new FlowRecord(
            IpAddress.Parse("10.0.0.5"), 51000, IpAddress.Parse("93.184.216.34"), 443, Transport.Tcp)), rows[0]["community_id"]);

        // The error row: contract fields empty, the error set.
        Assert.Equal("dest_port: '70000' is not a port (0-65535)", rows[1]["flowrole_error"]);
        Assert.All(OutputContract.FieldNames, f => Assert.Equal("", rows[1][f]));
    }

    [Fact]
    public void Csv_writes_structural_errors_with_the_row_as_read()
    {
        string output = Run("src_ip,src_port,dest_ip,dest_port\n10.0.0.1,1,10.0.0.2\n", OutputFormat.Csv);
        Row row = ReaderHarness.ReadAll(output, InputFormat.Csv).Single();
        Assert.Equal("10.0.0.2", row["dest_ip"]);
        Assert.Equal("", row["dest_port"]);
        Assert.Equal("line 2: 3 fields where the header has 4", row["flowrole_error"]);
    }

    [Fact]
    public void Csv_joins_multivalue_fields_with_semicolons()
    {
        string output = Run("src_ip,src_port,dest_ip,dest_port,transport\n203.0.113.7,51000,10.0.0.5,3389,tcp\n", OutputFormat.Csv);
        Row row = ReaderHarness.ReadAll(output, InputFormat.Csv).Single();
        var record = new FlowRecord(IpAddress.Parse("203.0.113.7"), 51000, IpAddress.Parse("10.0.0.5"), 3389, Transport.Tcp);
        FlowResult result = Classifier.Classify(record);
        Assert.NotEmpty(Formatter.GetStrings(OutputField.Findings, result));
        Assert.Equal(string.Join(";", Formatter.GetStrings(OutputField.Findings, result)), row["findings"]);
        Assert.Equal(string.Join(";", Formatter.GetStrings(OutputField.AttackTechniques, result)), row["attack_techniques"]);
        Assert.Equal("true", row["suspicious"]);
    }

    [Fact]
    public void Json_input_records_are_kept_as_written_and_extended()
    {
        string input = "{\"id\":{\"orig_h\":\"10.0.0.5\",\"orig_p\":51000,\"resp_h\":\"93.184.216.34\",\"resp_p\":443},\"proto\":\"tcp\",\"x\":[1, 2],\"u\":\"\\u00e9\"}\n"
            + "{\n  \"id.orig_h\": \"10.0.0.5\",\n  \"id.orig_p\": 51001,\n  \"id.resp_h\": \"10.0.0.9\",\n  \"id.resp_p\": 99999\n}\n"
            + "{\"bad\":\n";
        string[] lines = Run(input, OutputFormat.Json).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("{\"id\":{\"orig_h\":\"10.0.0.5\",\"orig_p\":51000,\"resp_h\":\"93.184.216.34\",\"resp_p\":443},\"proto\":\"tcp\",\"x\":[1, 2],\"u\":\"\\u00e9\",\"client_ip\":\"10.0.0.5\",", lines[0]);

        using (JsonDocument doc = JsonDocument.Parse(lines[0]))
        {
            JsonElement root = doc.RootElement;
            Assert.Equal(51000, root.GetProperty("client_port").GetInt32());
            Assert.Equal(JsonValueKind.Number, root.GetProperty("role_confidence").ValueKind);
            Assert.Equal(JsonValueKind.False, root.GetProperty("swapped").ValueKind);
            Assert.Equal(JsonValueKind.Array, root.GetProperty("findings").ValueKind);
            Assert.Equal("https", root.GetProperty("service").GetString());
            Assert.Equal("tcp", root.GetProperty("transport").GetString());
            Assert.False(root.TryGetProperty("flowrole_error", out _));
            Assert.Equal(OutputContract.FieldNames, root.EnumerateObject().Select(p => p.Name).Skip(4));
        }

        // Pretty-printed input is made single-line; the binding error is appended.
        using (JsonDocument doc = JsonDocument.Parse(lines[1]))
        {
            Assert.Equal(51001, doc.RootElement.GetProperty("id.orig_p").GetInt32());
            Assert.Equal("id.resp_p: '99999' is not a port (0-65535)", doc.RootElement.GetProperty("flowrole_error").GetString());
            Assert.False(doc.RootElement.TryGetProperty("client_ip", out _));
        }

        // Invalid JSON cannot be kept as JSON: its text is in the error.
        using (JsonDocument doc = JsonDocument.Parse(lines[2]))
        {
            Assert.StartsWith("line 8: invalid JSON (", doc.RootElement.GetProperty("flowrole_error").GetString());
            Assert.Single(doc.RootElement.EnumerateObject());
        }
    }

    [Fact]
    public void Json_from_text_input_writes_fields_as_strings_and_escapes_them()
    {
        string input = "src_ip,src_port,dest_ip,dest_port,transport,note\n10.0.0.5,51000,10.0.0.6,53,udp,\"q\"\"\\\t\u0001é\"\n";
        string line = Run(input, OutputFormat.Json).TrimEnd('\n');
        using JsonDocument doc = JsonDocument.Parse(line);
        Assert.Equal("51000", doc.RootElement.GetProperty("src_port").GetString());
        Assert.Equal("q\"\\\t\u0001é", doc.RootElement.GetProperty("note").GetString());
        Assert.Equal(53, doc.RootElement.GetProperty("server_port").GetInt32());
        Assert.Equal("udp", doc.RootElement.GetProperty("transport").GetString());
    }

    [Fact]
    public void Json_replaces_invalid_utf8()
    {
        byte[] input = Encoding.UTF8.GetBytes("src_ip,src_port,dest_ip,dest_port,note\n10.0.0.5,1,10.0.0.6,2,a\xff\n".Replace("\xff", "#"));
        input[Array.LastIndexOf(input, (byte)'#')] = 0xFF;
        var output = new MemoryStream();
        using (FlowReader reader = FlowReader.Open(new MemoryStream(input)))
        using (FlowWriter writer = FlowWriter.Create(OutputFormat.Json, output, Formatter, null, leaveOpen: true))
        {
            Assert.True(reader.Read());
            writer.WriteError(reader, "test");
        }

        using JsonDocument doc = JsonDocument.Parse(output.ToArray());
        Assert.Equal("a\uFFFD", doc.RootElement.GetProperty("note").GetString());
    }

    [Fact]
    public void Table_aligns_columns_and_shows_errors_with_their_line()
    {
        string input = "src_ip,src_port,dest_ip,dest_port,transport\n10.0.0.5,51000,93.184.216.34,443,tcp\n2001:db8::1,40000,2001:db8::2,22,tcp\n10.0.0.5,x,10.0.0.6,22,tcp\n";
        string[] lines = Run(input, OutputFormat.Table).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("CLIENT", lines[0]);
        int server = lines[0].IndexOf("SERVER", StringComparison.Ordinal);
        Assert.Equal("93.184.216.34:443", lines[1].Substring(server).Split(' ')[0]);
        Assert.Equal("[2001:db8::2]:22", lines[2].Substring(server).Split(' ')[0]);
        Assert.Equal("! line 4: src_port: 'x' is not a port (0-65535)", lines[3]);
        Assert.All(lines, l => Assert.False(l.EndsWith(' ')));
    }

    [Fact]
    public void Merged_columns_keep_the_first_list_and_add_new_names_by_occurrence()
    {
        IReadOnlyList<string> merged = FlowWriter.MergeColumns(new[]
        {
            new[] { "a", "b", "a" },
            new[] { "b", "c", "a", "a", "a" },
        });
        Assert.Equal(new[] { "a", "b", "a", "c", "a" }, merged);
    }

    [Fact]
    public void Csv_rows_from_several_inputs_land_under_their_own_columns()
    {
        var output = new MemoryStream();
        using (FlowReader first = FlowReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("x,src_ip\n1,10.0.0.1\n"))))
        using (FlowReader second = FlowReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("{\"src_ip\":\"10.0.0.2\",\"y\":2}\n"))))
        {
            IReadOnlyList<string> columns = FlowWriter.MergeColumns(new[] { new[] { "x", "src_ip" }, new[] { "src_ip", "y" } });
            using FlowWriter writer = FlowWriter.Create(OutputFormat.Csv, output, Formatter, columns, leaveOpen: true);
            Assert.True(first.Read());
            writer.WriteError(first, "e1");
            Assert.True(second.Read());
            writer.WriteError(second, "e2");
        }

        List<Row> rows = ReaderHarness.ReadAll(Encoding.UTF8.GetString(output.ToArray()), InputFormat.Csv);
        Assert.Equal(new[] { "1", "10.0.0.1", "" }, rows[0].Values.Take(3));
        Assert.Equal(new[] { "", "10.0.0.2", "2" }, rows[1].Values.Take(3));
    }
}
