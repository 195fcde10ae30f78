using System;
using Xunit;
using static FlowRole.Cli.Tests.CliRunner;

namespace FlowRole.Cli.Tests.Robustness;

/// <summary>
/// <c>--csv-safe</c>: Core's spreadsheet-safe CSV writer through the CLI, on the sequential and the threaded path,
/// and nothing else changes: without it the hostile values are written as they came.
/// </summary>
public sealed class CsvSafeOptionTests
{
    private const string Flows = "src_ip,src_port,dest_ip,dest_port,transport,note\n"
        + "10.0.0.5,51000,93.184.216.34,443,tcp,=HYPERLINK(\"http://evil\")\n"
        + "10.0.0.5,51001,93.184.216.34,443,tcp,@SUM(1+1)\n"
        + "10.0.0.5,51002,93.184.216.34,443,tcp,fine\n";

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void Formula_cells_are_quoted_text_with_csv_safe(string threads)
    {
        CliResult safe = RunWithInput(Flows, "classify", "--csv-safe", "--threads", threads);
        Assert.Equal(0, safe.ExitCode);
        string[] lines = safe.Output.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        Assert.StartsWith("10.0.0.5,51000,93.184.216.34,443,tcp,\"'=HYPERLINK(\"\"http://evil\"\")\",10.0.0.5,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("10.0.0.5,51001,93.184.216.34,443,tcp,\"'@SUM(1+1)\",10.0.0.5,", lines[2], StringComparison.Ordinal);

        CliResult plain = RunWithInput(Flows, "classify", "--threads", threads);
        string[] plainLines = plain.Output.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        Assert.StartsWith("10.0.0.5,51000,93.184.216.34,443,tcp,\"=HYPERLINK(\"\"http://evil\"\")\",10.0.0.5,", plainLines[1], StringComparison.Ordinal);
        Assert.StartsWith("10.0.0.5,51001,93.184.216.34,443,tcp,@SUM(1+1),10.0.0.5,", plainLines[2], StringComparison.Ordinal);

        // The header and the clean row are the same with and without the option.
        Assert.Equal(plainLines[0], lines[0]);
        Assert.Equal(plainLines[3], lines[3]);
    }

    [Fact]
    public void Csv_safe_is_listed_in_the_help()
    {
        CliResult help = Run("classify", "--help");
        Assert.Contains("--csv-safe", help.Output, StringComparison.Ordinal);
    }
}
