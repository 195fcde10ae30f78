using System.IO;
using System.Linq;
using FlowRole.Fields;
using Xunit;
using static FlowRole.Cli.Tests.CliRunner;

namespace FlowRole.Cli.Tests;

/// <summary><c>flowrole explain</c> and <c>flowrole classify --text</c>: alert text in, explanation or the output contract out.</summary>
public class ExplainCommandTests
{
    [Fact]
    public void Explain_one_alert()
    {
        CliResult result = Run("explain", "Source: 10.0.0.5:53210 -> Destination: 192.168.1.100:443");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        string[] lines = result.OutputLines;
        Assert.Equal("Read as free text: 10.0.0.5:53210 -> 192.168.1.100:443 (transport not stated).", lines[0]);
        Assert.Equal("Client: 10.0.0.5 (private), port 53210.", lines[1]);
        Assert.Contains("Why: 443 is the well-known port of https and 53210 lies in the dynamic range 49152-65535 that Windows and macOS use for client ports", lines[3]);
        Assert.Equal("Verdict: nothing suspicious.", lines[^1]);
    }

    [Fact]
    public void Explain_joins_words_the_shell_split()
    {
        CliResult result = Run("explain", "from", "198.51.7.20", "port", "50122", "to", "10.0.0.12", "port", "22");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Read as free text: 198.51.7.20:50122 -> 10.0.0.12:22 (transport not stated).", result.OutputLines[0]);
        Assert.Contains("Finding: [medium] FR-SSH-INBOUND: SSH reached from outside. ATT&CK: T1133, T1021.004.", result.OutputLines);
    }

    [Fact]
    public void Explain_text_that_states_no_flow_is_an_input_error()
    {
        CliResult result = Run("explain", "Failed password for root from 10.0.0.5");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal("flowrole: one endpoint only (10.0.0.5, no port): a flow needs two", result.ErrorLines.Single());
    }

    [Fact]
    public void Explain_needs_text()
    {
        CliResult result = Run("explain");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("explain needs alert text", result.Error);
    }

    [Fact]
    public void Explain_standard_input_reports_bad_lines_with_numbers_and_goes_on()
    {
        string input = "Source: 10.0.0.5:53210 -> Destination: 192.168.1.100:443\n"
            + "junk without addresses\n"
            + "\n"
            + "10.0.0.1:1 10.0.0.2:2 10.0.0.3:3\r\n"
            + "%ASA-6-302013: Built inbound TCP connection 8 for outside:198.51.7.20/54321 (198.51.7.20/54321) to inside:10.0.0.25/3389 (10.0.0.25/3389)";
        CliResult result = RunWithInput(input, "explain", "-");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(new[]
        {
            "flowrole: line 2: no endpoint: the text holds no IP address",
            "flowrole: line 4: 3 endpoints and nothing says which is the source and which the destination: cannot tell direction",
            "flowrole: 2 of 5 lines state no flow",
        }, result.ErrorLines);
        string[] blocks = result.Output.Split("\n\n");
        Assert.Equal(2, blocks.Length);
        Assert.StartsWith("Line 1. Read as free text: 10.0.0.5:53210 -> 192.168.1.100:443", blocks[0]);
        Assert.StartsWith("Line 5. Read as Cisco ASA: 198.51.7.20:54321 -> 10.0.0.25:3389 (tcp).", blocks[1]);
        Assert.Contains("Finding: [high] FR-RDP-INBOUND", blocks[1]);
    }

    [Fact]
    public void Explain_every_sample_alert()
    {
        CliResult result = Run("explain", "-");
        string path = FlowRole.Tests.TestPaths.InRepo("samples", "alerts.txt");
        result = RunWithInput(File.ReadAllText(path), "explain", "-");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal(File.ReadAllLines(path).Length, result.Output.Split("\n\n").Length);
    }

    [Fact]
    public void Explain_honours_internal_networks()
    {
        CliResult result = Run("explain", "--internal", "198.51.7.0/24", "Source: 198.51.7.20:50000 -> Destination: 10.0.0.5:3389");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Direction: outbound: an internal client reaches an external server (client global, server private).", result.OutputLines);
    }

    [Fact]
    public void Classify_text_writes_the_output_contract_with_the_line_and_errors_in_place()
    {
        string input = "Source: 10.0.0.5:53210 -> Destination: 192.168.1.100:443\n"
            + "junk without addresses\n"
            + "\n"
            + "2024-01-15 10:25:13 ALLOW TCP 10.0.0.7 93.184.216.34 61234 443 0 - 0 0 0 - - - SEND\n";
        CliResult result = RunWithInput(input, "classify", "--text", "--format", "csv");
        Assert.Equal(3, result.ExitCode);
        var rows = result.CsvRows(out var header, out _);
        Assert.Equal(new[] { "alert_text" }.Concat(OutputContract.AllFields.Select(OutputContract.NameOf)), header);
        Assert.Equal(3, rows.Count);
        Assert.Equal("Source: 10.0.0.5:53210 -> Destination: 192.168.1.100:443", rows[0]["alert_text"]);
        Assert.Equal("10.0.0.5", rows[0]["client_ip"]);
        Assert.Equal("443", rows[0]["server_port"]);
        Assert.Equal("", rows[0]["flowrole_error"]);
        Assert.Equal("junk without addresses", rows[1]["alert_text"]);
        Assert.Equal("no endpoint: the text holds no IP address", rows[1]["flowrole_error"]);
        Assert.Equal("", rows[1]["client_ip"]);
        Assert.Equal("initiator", rows[2]["role_basis"]);
        Assert.Equal("outbound", rows[2]["direction"]);
        Assert.Contains("flowrole: -:2: no endpoint: the text holds no IP address", result.Error);
    }

    [Fact]
    public void Classify_text_json_keeps_the_line()
    {
        CliResult result = RunWithInput("IN=eth0 OUT= SRC=198.51.7.45 DST=10.0.0.10 LEN=60 PROTO=TCP SPT=51514 DPT=22 SYN URGP=0\n",
            "classify", "--text", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        string line = result.OutputLines.Single();
        Assert.Contains("\"alert_text\":\"IN=eth0 OUT= SRC=198.51.7.45 DST=10.0.0.10 LEN=60 PROTO=TCP SPT=51514 DPT=22 SYN URGP=0\"", line);
        Assert.Contains("\"role_basis\":\"tcp_flags\"", line);
    }

    [Fact]
    public void Classify_text_file_with_fail_on_and_only_suspicious()
    {
        string path = FlowRole.Tests.TestPaths.InRepo("samples", "alerts.txt");
        CliResult result = Run("classify", "--text", "--format", "csv", "--only-suspicious", "--fail-on", "high", path);
        Assert.Equal(1, result.ExitCode);
        var rows = result.CsvRows();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("true", r["suspicious"]));
    }

    [Theory]
    [InlineData("--field", "src=a")]
    [InlineData("--input-format", "csv")]
    public void Classify_text_rejects_structured_input_options(string option, string value)
    {
        CliResult result = RunWithInput("10.0.0.5:1 -> 10.0.0.6:2\n", "classify", "--text", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--text", result.Error);
    }
}
