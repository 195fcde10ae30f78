using System;
using System.IO;
using Xunit;

namespace FlowRole.Cli.Tests;

/// <summary>The built tool as a separate process: real standard streams, real exit codes.</summary>
public class ProcessTests
{
    private static (int Code, string Output, string Error) Start(string? stdin, params string[] args) =>
        CliProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "flowrole.dll"), .. args], stdin);

    [Fact]
    public void Classifies_a_sample_file_to_csv_on_a_redirected_stdout()
    {
        var (code, output, error) = Start(null, "classify", CliRunner.Sample("flows.csv"));
        Assert.Equal(0, code);
        Assert.Equal("", error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(21, lines.Length);
        Assert.EndsWith(",community_id,flowrole_error", lines[0]);
    }

    [Fact]
    public void Reads_standard_input_and_reports_input_errors_with_exit_code_3()
    {
        var (code, output, error) = Start("src_ip,src_port,dest_ip,dest_port\n10.0.0.1,1,10.0.0.2,99999\n", "classify", "-f", "json");
        Assert.Equal(3, code);
        Assert.Contains("\"flowrole_error\":\"dest_port: '99999' is not a port (0-65535)\"", output);
        Assert.Contains("flowrole: -:2: dest_port: '99999' is not a port (0-65535)", error);
    }

    [Fact]
    public void Bad_usage_exits_with_2()
    {
        var (code, output, error) = Start(null, "classify", "--nope");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("unknown option '--nope'", error);
    }
}
