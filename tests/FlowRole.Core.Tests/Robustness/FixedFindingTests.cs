using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using FlowRole.Fields;
using FlowRole.Formats;
using FlowRole.Fuzzing;
using FlowRole.Policy;
using Xunit;

namespace FlowRole.Tests.Robustness;

/// <summary>
/// Regression tests for the bugs the fuzzers and the resource-limit work found in src/ (fuzz/README.md, "Findings"),
/// each naming its input; all are fixed. A new bug found before its fix gets a skipped test here and its input listed
/// in <see cref="FindingReplayTests.OpenFindings"/>, and the fix un-skips it.
/// </summary>
public sealed class FixedFindingTests
{
    [Fact]
    public void JsonStringWithLoneSurrogateEscapeIsAnErrorRow() => JsonEscapeIsAnErrorRow("eve", "crash-escaped-lone-surrogate");

    [Fact]
    public void JsonStringWithEscapeAndInvalidUtf8IsAnErrorRow() => JsonEscapeIsAnErrorRow("eve", "crash-escaped-invalid-utf8");

    [Fact]
    public void FirstFuzzerFindingReplaysClean() => CorpusFiles.Replay(CoreTargets.All["auto"], Path.Combine(CorpusFiles.Findings("auto"), "crash-f6bce4c76d7a"));

    [Fact]
    public void ZeekJsonFuzzerFindingReplaysClean() => CorpusFiles.Replay(CoreTargets.All["zeek-json"], Path.Combine(CorpusFiles.Findings("zeek-json"), "crash-eb33954c2e4f"));

    [Fact]
    public void OneLinePolicyLoadsInLinearTime()
    {
        byte[] policy = File.ReadAllBytes(Path.Combine(CorpusFiles.Findings("policy"), "slow-one-line-40000-rules"));
        var clock = Stopwatch.StartNew();
        PolicyException error = Assert.Throws<PolicyException>(() => PortPolicy.Parse(policy, "p.json"));
        Assert.Contains("at most 256", error.Message, StringComparison.Ordinal);

        // The same rules one per line load in about 40 ms; allow a wide margin for a loaded CI machine.
        Assert.True(clock.ElapsedMilliseconds < 400, "a 120 KB one-line policy took " + clock.ElapsedMilliseconds + " ms");
    }

    [Fact]
    public void TenMillionColumnHeaderFailsFast()
    {
        var header = new StringBuilder(20_000_100);
        for (int i = 0; i < 10_000_000; i++)
        {
            header.Append(i == 0 ? "c" : ",c");
        }

        header.Append("\n10.0.0.1,1,10.0.0.2,2\n");
        byte[] input = Encoding.ASCII.GetBytes(header.ToString());
        long before = GC.GetAllocatedBytesForCurrentThread();
        using FlowReader reader = FlowReader.Open(new MemoryStream(input), InputFormat.Csv, "wide.csv");
        Assert.True(reader.Read());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotNull(reader.RowError);
        Assert.Contains("columns", reader.RowError, StringComparison.Ordinal);
        Assert.True(reader.Columns.Count < 1_000_000, "the reader kept " + reader.Columns.Count + " columns");
        Assert.True(allocated < 4L * FlowReader.MaxRowBytes, "the header cost " + (allocated >> 20) + " MiB");
    }

    [Fact]
    public void RecordsThatEachAddAFieldBindInLinearTime()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 20_000; i++)
        {
            text.Append("{\"src_ip\":\"10.0.0.1\",\"dest_ip\":\"10.0.0.2\",\"k").Append(i).Append("\":1}\n");
        }

        var clock = Stopwatch.StartNew();
        using FlowReader reader = FlowReader.Open(new MemoryStream(Encoding.ASCII.GetBytes(text.ToString())), InputFormat.Json, "keys.json");
        FlowRecordBinder? binder = null;
        int version = -1;
        int rows = 0;
        while (reader.Read())
        {
            if (reader.ColumnsVersion != version)
            {
                // As the CLI and Import-FlowLog do: extend the binder as the columns grow.
                binder = binder is null ? new FlowRecordBinder(reader.Columns) : binder.WithColumns(reader.Columns);
                version = reader.ColumnsVersion;
            }

            binder!.TryBind(reader.RowData, reader.Cells, out _, out _);
            rows++;
        }

        Assert.Equal(20_000, rows);

        // k0..k19999 can carry no field: the first binder's resolution serves every row.
        Assert.Equal(3, binder!.Columns.Count);
        Assert.True(clock.ElapsedMilliseconds < 3000, "binding 20,000 records took " + clock.ElapsedMilliseconds + " ms");
    }

    [Fact]
    public void PolicyWithInvalidUtf8IsAPolicyError()
    {
        foreach (string file in new[] { "crash-latin1-title", "crash-2986ed47cfa8" })
        {
            byte[] policy = File.ReadAllBytes(Path.Combine(CorpusFiles.Findings("policy"), file));
            PolicyException error = Assert.Throws<PolicyException>(() => PortPolicy.Parse(policy, "site.json"));
            Assert.Contains("site.json:1:", error.Message, StringComparison.Ordinal);
            Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RepeatedZeekFieldNameLosesNothing()
    {
        byte[] input = File.ReadAllBytes(Path.Combine(CorpusFiles.Findings("zeek"), "lost-repeated-field-name"));
        using FlowReader reader = FlowReader.Open(new MemoryStream(input), InputFormat.Zeek, "conn.log");
        Assert.True(reader.Read());
        var values = new System.Collections.Generic.List<string>();
        foreach (Cell cell in reader.Cells)
        {
            values.Add(Encoding.UTF8.GetString(cell.Slice(reader.RowData)));
        }

        // Either both values are kept (a column each) or the row says one was dropped.
        Assert.True((values.Contains("first") && values.Contains("second")) || reader.RowError is not null,
            "read " + string.Join("|", values) + " with no error");
    }

    [Fact]
    public void JsonErrorTextDoesNotDependOnReadBoundaries() =>
        CorpusFiles.Replay(CoreTargets.All["eve"], Path.Combine(CorpusFiles.Findings("eve"), "read-boundary-15e1bfec9006"));

    [Fact]
    public void WithColumnsRebuildsOnlyForColumnsThatCanCarryAField()
    {
        var binder = new FlowRecordBinder(new[] { "src_ip", "dest_ip" });
        Assert.Same(binder, binder.WithColumns(new[] { "src_ip", "dest_ip" }));
        FlowRecordBinder same = binder.WithColumns(new[] { "src_ip", "dest_ip", "note", "k1" });
        Assert.Equal(new[] { "src_ip", "dest_ip" }, same.Columns);
        Assert.Equal(binder.CandidatesOf(FlowField.SourceAddress), same.CandidatesOf(FlowField.SourceAddress));
        FlowRecordBinder rebuilt = same.WithColumns(new[] { "src_ip", "dest_ip", "note", "k1", "proto" });
        Assert.Equal(5, rebuilt.Columns.Count);
        Assert.Equal(4, rebuilt.CandidatesOf(FlowField.Transport)[0]);

        // A port column, an alias in another case than a column before it, an override's column: each can bind.
        FlowRecordBinder withPort = binder.WithColumns(new[] { "src_ip", "dest_ip", "note", "dest_port" });
        Assert.Equal(4, withPort.Columns.Count);
        Assert.Equal(3, withPort.CandidatesOf(FlowField.DestinationPort)[0]);
        var folded = new FlowRecordBinder(new[] { "SRC_IP", "dest_ip" });
        Assert.Equal(3, folded.WithColumns(new[] { "SRC_IP", "dest_ip", "src_ip" }).Columns.Count);
        Assert.Equal(2, folded.WithColumns(new[] { "SRC_IP", "dest_ip", "Src_Ip" }).Columns.Count);
        var overrides = new Dictionary<FlowField, string> { [FlowField.SourceAddress] = "from" };
        var overridden = new FlowRecordBinder(new[] { "dest_ip" }, overrides);
        FlowRecordBinder found = overridden.WithColumns(new[] { "dest_ip", "from" });
        Assert.Empty(found.UnresolvedOverrides);
        Assert.Equal(1, found.CandidatesOf(FlowField.SourceAddress)[0]);
    }

    [Fact]
    public void OverrideColumnMissingNamesTheColumnInEveryPath()
    {
        var overrides = new Dictionary<FlowField, string> { [FlowField.SourceAddress] = "from", [FlowField.DestinationPort] = "to_port" };
        var binder = new FlowRecordBinder(new[] { "src_ip", "dest_ip", "src_port", "proto" }, overrides);
        Assert.Equal("src=from: the input has no column 'from'", binder.HeaderError.Message);
        byte[] data = Encoding.ASCII.GetBytes("10.0.0.110.0.0.21tcp");
        Cell[] cells = { Cell.Text(0, 8), Cell.Text(8, 8), Cell.Text(16, 1), Cell.Text(17, 3) };
        Assert.False(binder.TryBind(data, cells, out _, out FieldError error));
        Assert.Equal(FieldErrorKind.OverrideColumnMissing, error.Kind);
        Assert.Equal("from", error.Column);
        Assert.Contains("'from'", error.Message, StringComparison.Ordinal);

        // An empty name is refused where it is given, not reported per row as "no column ''".
        ArgumentException empty = Assert.Throws<ArgumentException>(() => new FlowRecordBinder(new[] { "src_ip" },
            new Dictionary<FlowField, string> { [FlowField.SourceAddress] = " " }));
        Assert.StartsWith("The src override names no column (an empty name).", empty.Message, StringComparison.Ordinal);

        // With the source column there, the port override is the one missing, and it says which.
        var ports = new FlowRecordBinder(new[] { "src_ip", "dest_ip", "src_port", "proto" },
            new Dictionary<FlowField, string> { [FlowField.DestinationPort] = "to_port" });
        Assert.False(ports.TryBind(data, cells, out _, out error));
        Assert.Equal(FieldErrorKind.OverrideColumnMissing, error.Kind);
        Assert.Equal("to_port", error.Column);
        Assert.Contains("'to_port'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedFieldNamesGetColumnsOfTheirOwnInEveryHeader()
    {
        string log = "#separator \\x09\n#fields\tsrc_ip\tnote\tnote\tdest_ip\tnote\n10.0.0.1\ta\tb\t10.0.0.2\tc\n"
            + "#fields\tnote\tnote\tsrc_ip\tdest_ip\n"
            + "x\ty\t10.0.0.3\t10.0.0.4\n";
        using FlowReader reader = FlowReader.Open(new MemoryStream(Encoding.ASCII.GetBytes(log)), InputFormat.Zeek, "conn.log");
        Assert.True(reader.Read());
        Assert.Null(reader.RowError);
        Assert.Equal(new[] { "src_ip", "note", "note_2", "dest_ip", "note_3" }, reader.Columns);
        Assert.Equal(new[] { "10.0.0.1", "a", "b", "10.0.0.2", "c" }, Values(reader));
        Assert.True(reader.Read());
        Assert.Null(reader.RowError);
        Assert.Equal(new[] { "10.0.0.3", "x", "y", "10.0.0.4", null }, Values(reader));
    }

    [Fact]
    public void OneNameRepeatedAcrossAWideHeaderStaysLinear()
    {
        var header = new StringBuilder("#fields");
        for (int i = 0; i < FlowReader.MaxColumns; i++)
        {
            header.Append("\tc");
        }

        var clock = Stopwatch.StartNew();
        using FlowReader reader = FlowReader.Open(new MemoryStream(Encoding.ASCII.GetBytes(header.Append("\nv\n").ToString())), InputFormat.Zeek, "conn.log");
        Assert.True(reader.Read());
        Assert.Equal(FlowReader.MaxColumns, reader.Columns.Count);
        Assert.Equal("c_" + FlowReader.MaxColumns.ToString(System.Globalization.CultureInfo.InvariantCulture), reader.Columns[^1]);
        Assert.True(clock.ElapsedMilliseconds < 5000, "took " + clock.ElapsedMilliseconds + " ms");
    }

    [Theory]
    [InlineData(InputFormat.Zeek, "#fields", "\t")]
    [InlineData(InputFormat.WindowsFirewall, "#Fields:", " ")]
    public void HeaderPastTheColumnCapIsAnErrorRowAndDataIsKept(InputFormat format, string directive, string separator)
    {
        var header = new StringBuilder(directive);
        for (int i = 0; i <= FlowReader.MaxColumns; i++)
        {
            header.Append(separator).Append('c').Append(i);
        }

        string log = directive + separator + "src_ip" + separator + "dest_ip\n" + header + "\n10.0.0.1" + separator + "10.0.0.2\n";
        using FlowReader reader = FlowReader.Open(new MemoryStream(Encoding.ASCII.GetBytes(log)), format, "wide.log");
        Assert.True(reader.Read());
        Assert.StartsWith("line 2: the " + directive + " header names more than 65,536 fields", reader.RowError, StringComparison.Ordinal);

        // The header before it stays in force, so the data line is read whole.
        Assert.True(reader.Read());
        Assert.Null(reader.RowError);
        Assert.Equal(new[] { "10.0.0.1", "10.0.0.2" }, Values(reader));
        Assert.Equal(2, reader.Columns.Count);
    }

    [Fact]
    public void DataLinePastTheColumnCapIsAnErrorRow()
    {
        var line = new StringBuilder("10.0.0.1");
        for (int i = 0; i < FlowReader.MaxColumns; i++)
        {
            line.Append(",x");
        }

        foreach (InputFormat format in new[] { InputFormat.Csv, InputFormat.Tsv })
        {
            string text = "src_ip,dest_ip\n" + line + "\n10.0.0.1,10.0.0.2\n";
            text = format == InputFormat.Tsv ? text.Replace(',', '\t') : text;
            using FlowReader reader = FlowReader.Open(new MemoryStream(Encoding.ASCII.GetBytes(text)), format, "wide");
            Assert.True(reader.Read());
            Assert.Equal("line 2: more than 65,536 columns (fields), the most a reader holds; the line was skipped", reader.RowError);
            Assert.True(reader.Read());
            Assert.Null(reader.RowError);
            Assert.Equal(3, reader.LineNumber);
            Assert.False(reader.Read());
        }
    }

    [Fact]
    public void JsonKeysPastTheColumnCapAreReportedOnTheirRow()
    {
        var record = new StringBuilder("{\"src_ip\":\"10.0.0.1\"");
        for (int i = 0; i < FlowReader.MaxColumns + 10; i++)
        {
            record.Append(",\"k").Append(i).Append("\":1");
        }

        string text = record.Append("}\n{\"src_ip\":\"10.0.0.2\",\"k0\":2}\n").ToString();
        using FlowReader reader = FlowReader.Open(new MemoryStream(Encoding.ASCII.GetBytes(text)), InputFormat.Json, "keys.json");
        Assert.True(reader.Read());
        Assert.Equal("line 1: field 'k65535' is past 65,536 columns and 4 MB of column names, the most a reader holds; its value was not kept", reader.RowError);
        Assert.Equal(FlowReader.MaxColumns, reader.Columns.Count);
        Assert.True(reader.Read());
        Assert.Null(reader.RowError);
        Assert.Equal("2", Values(reader)[1]);
    }

    [Fact]
    public void BrokenLiteralErrorQuotesOnlyWhatEveryReadingSees()
    {
        byte[] input = Encoding.ASCII.GetBytes("{\"a\":faeolse,\"b\":1}\n{\"c\":2}\n");
        foreach (Stream stream in new[] { new MemoryStream(input), FuzzInput.Trickle(input, 1) })
        {
            using FlowReader reader = FlowReader.Open(stream, InputFormat.Json, "eve.json");
            Assert.True(reader.Read());
            Assert.Equal("line 1: invalid JSON ('fae' is an invalid JSON literal. Expected the literal 'false' at line 1, byte 8): {\"a\":faeolse,\"b\":1}", reader.RowError);
            Assert.True(reader.Read());
            Assert.Null(reader.RowError);
        }
    }

    private static string?[] Values(FlowReader reader)
    {
        var values = new string?[reader.Cells.Length];
        for (int i = 0; i < values.Length; i++)
        {
            Cell cell = reader.Cells[i];
            values[i] = cell.IsMissing ? null : Encoding.UTF8.GetString(cell.Slice(reader.RowData));
        }

        return values;
    }

    private static void JsonEscapeIsAnErrorRow(string target, string file)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(CorpusFiles.Findings(target), file));
        using FlowReader reader = FlowReader.Open(new MemoryStream(input), InputFormat.Json, "eve.json");
        Assert.True(reader.Read());
        Assert.NotNull(reader.RowError);
        Assert.StartsWith("line 1: ", reader.RowError, StringComparison.Ordinal);
        Assert.False(reader.Read());
    }
}
