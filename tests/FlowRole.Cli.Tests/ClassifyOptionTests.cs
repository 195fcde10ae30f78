using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit;
using static FlowRole.Cli.Tests.CliRunner;

namespace FlowRole.Cli.Tests;

public class ClassifyOptionTests
{
    private const string Flows = "src_ip,src_port,dest_ip,dest_port,transport\n"
        + "10.0.0.5,51000,93.184.216.34,443,tcp\n"
        + "203.0.113.7,51001,10.0.0.5,3389,tcp\n";

    [Fact]
    public void Standard_input_is_read_when_no_file_or_a_dash_is_given()
    {
        CliResult a = RunWithInput(Flows, "classify");
        CliResult b = RunWithInput(Flows, "classify", "-");
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(a.Output, b.Output);
        Assert.Equal(2, a.CsvRows().Count);
    }

    [Fact]
    public void The_default_format_is_a_table_on_a_terminal_and_csv_otherwise()
    {
        CliResult terminal = Run(Encoding.UTF8.GetBytes(Flows), true, "classify");
        Assert.StartsWith("CLIENT", terminal.Output);
        CliResult piped = Run(Encoding.UTF8.GetBytes(Flows), false, "classify");
        Assert.StartsWith("src_ip,src_port", piped.Output);
        string file = Path.Combine(Path.GetTempPath(), "flowrole-test-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            CliResult toFile = Run(Encoding.UTF8.GetBytes(Flows), true, "classify", "-o", file);
            Assert.Equal(0, toFile.ExitCode);
            Assert.Equal("", toFile.Output);
            Assert.Equal(piped.Output, File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Only_suspicious_and_fail_on()
    {
        CliResult only = RunWithInput(Flows, "classify", "--only-suspicious");
        Assert.Equal(0, only.ExitCode);
        Assert.Equal("3389", only.CsvRows().Single()["server_port"]);

        Assert.Equal(1, RunWithInput(Flows, "classify", "--fail-on", "high").ExitCode);
        Assert.Equal(0, RunWithInput(Flows.Split('\n')[0] + "\n" + Flows.Split('\n')[1] + "\n", "classify", "--fail-on", "info").ExitCode);
        CliResult bad = RunWithInput(Flows, "classify", "--fail-on", "severe");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("flowrole: --fail-on: 'severe' is not a severity (info, low, medium, high or critical)\n", bad.Error.Replace("\r", ""));
        Assert.Equal("", bad.Output);
    }

    [Fact]
    public void Input_errors_are_listed_with_file_and_line_and_the_output_stays_complete()
    {
        string input = "src_ip,src_port,dest_ip,dest_port,transport\n10.0.0.5,1,10.0.0.6,70000,tcp\n10.0.0.5,1,10.0.0.6,22,tcp\nbad\n\"unterminated,1,2,3,tcp\n";
        CliResult result = RunWithInput(input, "classify");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(new[]
        {
            "flowrole: -:2: dest_port: '70000' is not a port (0-65535)",
            "flowrole: -:4: 1 field where the header has 5",
            "flowrole: -:5: unterminated quoted field 1; the line was read without quote processing",
            "flowrole: 3 of 4 records could not be classified; they carry flowrole_error in the output",
        }, result.ErrorLines);
        List<Dictionary<string, string>> rows = result.CsvRows();
        Assert.Equal(4, rows.Count);
        Assert.Equal("dest_port: '70000' is not a port (0-65535)", rows[0]["flowrole_error"]);
        Assert.Equal("22", rows[1]["server_port"]);
        Assert.Equal("bad", rows[2]["src_ip"]);
        Assert.Equal("line 4: 1 field where the header has 5", rows[2]["flowrole_error"]);
        Assert.Equal("\"unterminated", rows[3]["src_ip"]);
    }

    [Fact]
    public void Only_the_first_errors_are_listed_unless_quiet()
    {
        var sb = new StringBuilder("src_ip,src_port,dest_ip,dest_port\n");
        for (int i = 0; i < 50; i++)
        {
            sb.Append("10.0.0.1,x,10.0.0.2,80\n");
        }

        CliResult result = RunWithInput(sb.ToString(), "classify");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(22, result.ErrorLines.Length);
        Assert.Equal("flowrole: ... and 30 more", result.ErrorLines[20]);
        Assert.Equal("flowrole: 50 of 50 records could not be classified; they carry flowrole_error in the output", result.ErrorLines[21]);

        CliResult quiet = RunWithInput(sb.ToString(), "classify", "-q");
        Assert.Equal(new[] { "flowrole: 50 of 50 records could not be classified; they carry flowrole_error in the output" }, quiet.ErrorLines);
    }

    [Fact]
    public void A_header_without_address_columns_is_reported_once_per_input()
    {
        CliResult result = RunWithInput("a,b\n1,2\n3,4\n", "classify", "-q");
        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("flowrole: -: no source address field (expected one of src_ip, ", result.ErrorLines[0]);
        Assert.EndsWith("; every record of this input will carry this error", result.ErrorLines[0]);
        Assert.Equal(2, result.CsvRows().Count);
    }

    [Fact]
    public void Field_overrides_read_other_columns()
    {
        string input = "SrcAddr,Sport,DstAddr,Dport,Proto\n10.0.0.5,51000,10.0.0.9,22,tcp\n";
        CliResult result = RunWithInput(input, "classify", "--field", "src=SrcAddr", "--field", "src_port=Sport", "--field", "dest=DstAddr",
            "--field", "DEST_PORT=Dport", "--field", "transport=Proto");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ssh", result.CsvRows().Single()["service"]);

        CliResult missing = Run("classify", "--field", "src=nope", Sample("flows.csv"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("", missing.Output);
        Assert.Equal("flowrole: --field src=nope: " + Sample("flows.csv") + " has no such column", missing.ErrorLines.Single());

        Assert.Equal(2, RunWithInput(input, "classify", "--field", "source=SrcAddr").ExitCode);
        Assert.Equal(2, RunWithInput(input, "classify", "--field", "src").ExitCode);
    }

    [Fact]
    public void Prefix_renames_the_output_fields()
    {
        CliResult result = RunWithInput(Flows, "classify", "--prefix", "fr_");
        result.CsvRows(out IReadOnlyList<string> header, out _);
        Assert.Equal("fr_client_ip", header[5]);
        Assert.Equal("fr_flowrole_error", header[^1]);
        CliResult json = RunWithInput(Flows, "classify", "-f", "json", "--prefix", "fr_");
        using JsonDocument doc = JsonDocument.Parse(json.OutputLines[0]);
        Assert.Equal("tcp", doc.RootElement.GetProperty("fr_transport").GetString());
    }

    [Fact]
    public void Seed_changes_the_community_id()
    {
        string a = RunWithInput(Flows, "classify").CsvRows()[0]["community_id"];
        string b = RunWithInput(Flows, "classify", "--seed", "1").CsvRows()[0]["community_id"];
        Assert.NotEqual(a, b);
        Assert.StartsWith("1:", b);
        Assert.Equal(2, RunWithInput(Flows, "classify", "--seed", "70000").ExitCode);
    }

    [Fact]
    public void Internal_networks_change_scope_and_direction()
    {
        Assert.Equal("outbound", RunWithInput(Flows, "classify").CsvRows()[0]["direction"]);

        // Given internal networks replace the private ranges: 10.0.0.5 is outside, 93.184.216.34 inside.
        CliResult result = RunWithInput(Flows, "classify", "--internal", "93.184.216.0/24");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("inbound", result.CsvRows()[0]["direction"]);

        Assert.Equal(2, RunWithInput(Flows, "classify", "--internal", "10.0.0.0/33").ExitCode);
        Assert.StartsWith("flowrole: --internal: ", RunWithInput(Flows, "classify", "--internal", "nonsense").Error);
    }

    [Fact]
    public void Listeners_and_policy_files_are_loaded()
    {
        string input = "src_ip,src_port,dest_ip,dest_port,transport\n10.0.0.5,1433,10.0.0.23,49950,tcp\n";
        CliResult result = RunWithInput(input, "classify", "--listeners", Sample("listeners.txt"));
        Assert.Equal(0, result.ExitCode);
        Dictionary<string, string> row = result.CsvRows().Single();
        Assert.Equal("10.0.0.5", row["server_ip"]);
        Assert.Equal("listener", row["role_basis"]);

        Assert.Equal(0, RunWithInput(Flows, "classify", "--policy", Sample("policies", "example.json")).ExitCode);

        string badListeners = Path.GetTempFileName();
        string badPolicy = Path.GetTempFileName();
        try
        {
            File.WriteAllText(badListeners, "10.0.0.5:443/tcp\nnot-a-listener\n");
            CliResult bad = RunWithInput(Flows, "classify", "--listeners", badListeners);
            Assert.Equal(2, bad.ExitCode);
            Assert.Equal("flowrole: --listeners: " + badListeners + ":2: 'not-a-listener' is not a listener (host:port/transport, e.g. 10.0.0.5:443/tcp, *:53/udp, [::1]:8080/tcp)", bad.ErrorLines.Single());

            File.WriteAllText(badPolicy, "{ \"version\": 1, \"rules\": 5 }");
            CliResult policy = RunWithInput(Flows, "classify", "--policy", badPolicy);
            Assert.Equal(2, policy.ExitCode);
            Assert.StartsWith("flowrole: --policy: ", policy.Error);
            Assert.Equal("", policy.Output);
        }
        finally
        {
            File.Delete(badListeners);
            File.Delete(badPolicy);
        }
    }

    [Fact]
    public void Learning_reads_the_input_twice_even_from_standard_input()
    {
        // Many peers reach 10.0.0.9:7000 (no registered service, both ports unprivileged): learning makes it the server.
        var sb = new StringBuilder("src_ip,src_port,dest_ip,dest_port,transport\n");
        for (int i = 0; i < 30; i++)
        {
            sb.Append("10.0.0.9,7000,10.0.1.").Append(i + 1).Append(',').Append(40000 + i).Append(",tcp\n");
        }

        CliResult learned = RunWithInput(sb.ToString(), "classify", "--learn");
        Assert.Equal(0, learned.ExitCode);
        List<Dictionary<string, string>> rows = learned.CsvRows();
        Assert.Equal(30, rows.Count);
        Assert.All(rows, r => Assert.Equal("10.0.0.9", r["server_ip"]));
        Assert.All(rows, r => Assert.Equal("7000", r["server_port"]));
        Assert.Contains(rows, r => r["role_basis"] == "learned");
    }

    [Fact]
    public void Json_on_standard_input_can_be_written_as_csv()
    {
        string json = "{\"src_ip\":\"10.0.0.5\",\"src_port\":1,\"dest_ip\":\"10.0.0.6\",\"dest_port\":22}\n{\"src_ip\":\"10.0.0.5\",\"src_port\":2,\"dest_ip\":\"10.0.0.6\",\"dest_port\":23,\"note\":\"x\"}\n";
        CliResult result = RunWithInput(json, "classify", "-f", "csv");
        Assert.Equal(0, result.ExitCode);
        List<Dictionary<string, string>> rows = result.CsvRows(out IReadOnlyList<string> header, out _);
        Assert.Equal(new[] { "src_ip", "src_port", "dest_ip", "dest_port", "note" }, header.Take(5));
        Assert.Equal("", rows[0]["note"]);
        Assert.Equal("x", rows[1]["note"]);
    }

    [Fact]
    public void Several_inputs_share_one_csv_header()
    {
        CliResult result = Run("classify", Sample("flows.csv"), Sample("zeek", "conn.log"));
        Assert.Equal(0, result.ExitCode);
        List<Dictionary<string, string>> rows = result.CsvRows(out IReadOnlyList<string> header, out List<List<string>> raw);
        Assert.Equal(33, rows.Count);
        Assert.Contains("id.orig_h", header);
        Assert.Contains("_time", header);
        int origH = header.ToList().IndexOf("id.orig_h");
        Assert.Equal("", raw[0][origH]);
        Assert.Equal("10.0.0.23", raw[20][origH]);
    }

    [Fact]
    public void Bad_usage_is_reported_with_exit_code_2()
    {
        (string[] Args, string Message)[] cases =
        {
            (new[] { "classify", "--nope" }, "flowrole: unknown option '--nope'"),
            (new[] { "classify", "--format" }, "flowrole: --format needs a value (FORMAT)"),
            (new[] { "classify", "--format", "xml" }, "flowrole: --format: 'xml' is not one of csv, json, table"),
            (new[] { "classify", "--learn=yes" }, "flowrole: --learn takes no value"),
            (new[] { "classify", "--seed", "1", "--seed", "2" }, "flowrole: --seed is given twice"),
            (new[] { "classify", "-", "-" }, "flowrole: standard input (-) is named twice"),
            (new[] { "classify", "/nonexistent/flows.csv" }, "flowrole: cannot read '/nonexistent/flows.csv': no such file"),
            (new[] { "frobnicate" }, "flowrole: unknown command 'frobnicate' (commands: classify, port, policy, fields, explain; see flowrole --help)"),
        };
        foreach ((string[] args, string message) in cases)
        {
            CliResult result = RunWithInput(Flows, args);
            Assert.Equal(2, result.ExitCode);
            Assert.Equal(message, result.ErrorLines.Single());
            Assert.Equal("", result.Output);
        }
    }

    [Fact]
    public void Input_format_can_be_forced()
    {
        // A TSV whose first line has commas too would be sniffed as CSV.
        string tsv = "src_ip\tsrc_port\tdest_ip\tdest_port\tnote\n10.0.0.5\t1\t10.0.0.6\t22\ta,b,c,d,e\n";
        CliResult result = RunWithInput(tsv, "classify", "-i", "tsv");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("a,b,c,d,e", result.CsvRows().Single()["note"]);
        Assert.Equal(2, RunWithInput(tsv, "classify", "-i", "xml").ExitCode);
    }
}
