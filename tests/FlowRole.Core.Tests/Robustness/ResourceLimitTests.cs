using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using FlowRole.Formats;
using FlowRole.Policy;
using Xunit;

namespace FlowRole.Tests.Robustness;

/// <summary>
/// The documented caps (docs/security.md) under hostile sizes: a line or JSON record of 100 MB is reported on its own
/// row and skipped, the rows after it are read intact, and the reader's memory stays under
/// <see cref="ReaderMemoryCap"/> (5 × <see cref="FlowReader.MaxRowBytes"/>, 80 MiB) whatever the input; policy files
/// over 16 MB or over 256 rules fail fast with an error that says so.
/// </summary>
public sealed class ResourceLimitTests
{
    /// <summary>What one reader may allocate on any input: its buffers grow to hold one capped row, never more.</summary>
    private const long ReaderMemoryCap = 5L * FlowReader.MaxRowBytes;

    private const long HundredMegabytes = 100L << 20;

    public static TheoryData<string, InputFormat, string, byte> HugeRows() => new()
    {
        // name, format, text before the huge part, the byte it repeats
        { "CSV line", InputFormat.Csv, "src_ip,dest_ip\n", (byte)'x' },
        { "CSV quoted field never closed", InputFormat.Csv, "src_ip,dest_ip\n\"", (byte)'x' },
        { "TSV line", InputFormat.Tsv, "src_ip\tdest_ip\n", (byte)'x' },
        { "Zeek line", InputFormat.Zeek, "#separator \\x09\n#fields\tsrc_ip\tdest_ip\n", (byte)'x' },
        { "JSON record", InputFormat.Json, "{\"src_ip\":\"10.0.0.9\",\"dest_ip\":\"10.0.0.8\"}\n{\"note\":\"", (byte)'x' },
        { "W3C line", InputFormat.WindowsFirewall, "#Fields: src-ip dst-ip\n", (byte)'x' },
    };

    [Theory]
    [MemberData(nameof(HugeRows))]
    public void HundredMegabyteRowIsReportedAndSkippedUnderTheMemoryCap(string name, InputFormat format, string head, byte fill)
    {
        string separator = format switch { InputFormat.Tsv or InputFormat.Zeek => "\t", InputFormat.WindowsFirewall => " ", _ => "," };
        string tail = format == InputFormat.Json
            ? "\"}\n{\"src_ip\":\"10.0.0.1\",\"dest_ip\":\"10.0.0.2\"}\n"
            : "\n10.0.0.1" + separator + "10.0.0.2\n";
        var stream = new SyntheticStream(Encoding.ASCII.GetBytes(head), fill, HundredMegabytes, Encoding.ASCII.GetBytes(tail));

        var rows = new List<(string? Error, int Cells, string Text)>();
        var clock = Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        using (FlowReader reader = FlowReader.Open(stream, format, name))
        {
            while (reader.Read())
            {
                var text = new StringBuilder();
                foreach (Cell cell in reader.Cells)
                {
                    text.Append(cell.IsMissing ? "-" : Encoding.UTF8.GetString(cell.Slice(reader.RowData).Length > 64 ? cell.Slice(reader.RowData)[..64] : cell.Slice(reader.RowData))).Append('|');
                }

                rows.Add((reader.RowError, reader.Cells.Length, text.ToString()));
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < ReaderMemoryCap, name + ": reading allocated " + (allocated >> 20) + " MiB, over the " + (ReaderMemoryCap >> 20) + " MiB cap");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), name + ": took " + clock.Elapsed);

        // The huge row is one error row saying what and where; the row after it is read intact.
        (string? Error, int Cells, string Text) last = rows[^1];
        Assert.Null(last.Error);
        Assert.Equal("10.0.0.1|10.0.0.2|", last.Text);
        (string? Error, int Cells, string Text) huge = rows[^2];
        Assert.NotNull(huge.Error);
        Assert.Matches("^line [0-9]+: .*(longer than 16 MB|16 MB)", huge.Error);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"a\":", "}")]
    public void DeepJsonNestingIsAnErrorRowNotAStackOverflow(string open, string close)
    {
        // 100,000 levels inside one record: past the 64-level cap the record is an error; the next one reads.
        var text = new StringBuilder("{\"src_ip\":\"10.0.0.9\",\"x\":");
        for (int i = 0; i < 100_000; i++)
        {
            text.Append(open);
        }

        for (int i = 0; i < 100_000; i++)
        {
            text.Append(close);
        }

        text.Append("}\n{\"src_ip\":\"10.0.0.1\",\"dest_ip\":\"10.0.0.2\"}\n");
        var rows = new List<string?>();
        var clock = Stopwatch.StartNew();
        using (FlowReader reader = FlowReader.Open(new MemoryStream(Encoding.ASCII.GetBytes(text.ToString())), InputFormat.Json, "deep.json"))
        {
            while (reader.Read())
            {
                rows.Add(reader.RowError);
            }
        }

        Assert.Equal(2, rows.Count);
        Assert.StartsWith("line 1: invalid JSON (", rows[0], StringComparison.Ordinal);
        Assert.Contains("depth", rows[0], StringComparison.OrdinalIgnoreCase);
        Assert.Null(rows[1]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "took " + clock.Elapsed);
    }

    [Fact]
    public void DeeplyNestedPolicyIsAPolicyError()
    {
        string policy = "{\"version\":1,\"rules\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        PolicyException error = Assert.Throws<PolicyException>(() => PortPolicy.Parse(policy, "deep.json"));
        Assert.Contains("deep.json:1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("depth", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void PolicyFileOverSixteenMegabytesFailsFastWithoutBeingParsed()
    {
        string path = Path.Combine(Path.GetTempPath(), "flowrole-huge-policy-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            using (FileStream file = File.Create(path))
            {
                new SyntheticStream(Encoding.ASCII.GetBytes("{\"version\":1,\"rules\":["), (byte)' ', 17L << 20, Encoding.ASCII.GetBytes("]}")).CopyTo(file);
            }

            var clock = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            PolicyException error = Assert.Throws<PolicyException>(() => PortPolicy.Load(path));
            Assert.Contains("larger than 16 MB", error.Message, StringComparison.Ordinal);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the file was read before its size was checked");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), "took " + clock.Elapsed);
            Assert.Single(PortPolicy.ValidateFile(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PolicyTextOverSixteenMegabytesFailsFast()
    {
        byte[] text = new byte[(16 << 20) + 1];
        text.AsSpan().Fill((byte)' ');
        var clock = Stopwatch.StartNew();
        PolicyException error = Assert.Throws<PolicyException>(() => PortPolicy.Parse(text, "big.json"));
        Assert.Contains("larger than 16 MB", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "took " + clock.Elapsed);
    }

    [Fact]
    public void MillionRulePolicyFailsFastWithAClearError()
    {
        // One rule per line, as people write them: a million rules is ~65 MB, over the size cap before any parsing.
        var text = new StringBuilder("{\"version\":1,\"rules\":[\n");
        for (int i = 0; i < 1_000_000; i++)
        {
            text.Append("{\"id\":\"R").Append(i).Append("\",\"title\":\"t\",\"severity\":\"low\",\"server_ports\":\"1\"},\n");
        }

        text.Append("]}\n");
        byte[] bytes = Encoding.ASCII.GetBytes(text.ToString());
        Assert.True(bytes.Length > 3 * (16 << 20));
        var clock = Stopwatch.StartNew();
        PolicyException error = Assert.Throws<PolicyException>(() => PortPolicy.Parse(bytes, "million.json"));
        Assert.Contains("larger than 16 MB", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "took " + clock.Elapsed);
    }

    [Fact]
    public void PolicyWithTooManyRulesUnderTheSizeCapFailsWithTheRuleLimit()
    {
        // 150,000 rules in ~10 MB: under the size cap, so the rule cap has to say no, once, naming the limit.
        var text = new StringBuilder("{\"version\":1,\"rules\":[\n");
        for (int i = 0; i < 150_000; i++)
        {
            text.Append("{\"id\":\"R").Append(i).Append("\",\"title\":\"t\",\"severity\":\"low\",\"server_ports\":\"1\"},\n");
        }

        text.Append("]}\n");
        var clock = Stopwatch.StartNew();
        PolicyException error = Assert.Throws<PolicyException>(() => PortPolicy.Parse(text.ToString(), "many.json"));
        Assert.Single(error.Errors);
        Assert.Contains("150000 rules given; a policy holds at most 256", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "took " + clock.Elapsed);
    }
}
