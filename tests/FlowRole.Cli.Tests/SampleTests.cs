using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using FlowRole.Fields;
using FlowRole.Formats;
using Xunit;
using static FlowRole.Cli.Tests.CliRunner;

namespace FlowRole.Cli.Tests;

/// <summary>The tool end to end on every sample in samples/.</summary>
public class SampleTests
{
    private static List<List<string>> ReadInputRows(string path, out IReadOnlyList<string> columns)
    {
        using FlowReader reader = FlowReader.Open(File.OpenRead(path));
        var rows = new List<List<string>>();
        while (reader.Read())
        {
            var values = new List<string>();
            foreach (Cell cell in reader.Cells)
            {
                values.Add(Encoding.UTF8.GetString(cell.Slice(reader.RowData)));
            }

            rows.Add(values);
        }

        columns = reader.Columns.ToArray();
        return rows;
    }

    [Fact]
    public void Flows_csv_is_classified_with_every_input_field_kept()
    {
        string path = Sample("flows.csv");
        CliResult result = Run("classify", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);

        List<Dictionary<string, string>> rows = result.CsvRows(out IReadOnlyList<string> header, out List<List<string>> raw);
        List<List<string>> input = ReadInputRows(path, out IReadOnlyList<string> inputColumns);
        Assert.Equal(inputColumns.Concat(OutputContract.AllFields.Select(OutputContract.NameOf)), header);
        Assert.Equal(input.Count, rows.Count);
        for (int i = 0; i < input.Count; i++)
        {
            Assert.Equal(input[i], raw[i].Take(inputColumns.Count));
            Assert.Equal("", rows[i]["flowrole_error"]);
        }

        // The same HTTPS session as logged by the client and, reply first, by the server.
        Assert.Equal(("10.0.0.23", "52814", "93.184.216.34", "443", "false"), Roles(rows[0]));
        Assert.Equal(("10.0.0.23", "52814", "93.184.216.34", "443", "true"), Roles(rows[1]));
        Assert.Equal(rows[0]["community_id"], rows[1]["community_id"]);
        Assert.Equal("https", rows[0]["service"]);
        Assert.Equal("outbound", rows[1]["direction"]);

        // The DNS answer logged reply first.
        Assert.Equal(("10.0.0.2", "40123", "8.8.8.8", "53", "true"), Roles(rows[3]));

        // RDP from the Internet, either way round, is suspicious.
        foreach (int i in new[] { 8, 9 })
        {
            Assert.Equal("10.0.0.10", rows[i]["server_ip"]);
            Assert.Equal("3389", rows[i]["server_port"]);
            Assert.Equal("inbound", rows[i]["direction"]);
            Assert.Equal("true", rows[i]["suspicious"]);
            Assert.Contains("FR-RDP-INBOUND", rows[i]["findings"].Split(';'));
            Assert.Contains("T1021.001", rows[i]["attack_techniques"].Split(';'));
        }

        Assert.Equal("true", rows[9]["swapped"]);
        Assert.Equal("false", rows[0]["suspicious"]);
        Assert.Equal("none", rows[0]["severity"]);
        Assert.Equal("", rows[0]["findings"]);
        Assert.Equal(("10.0.0.23", "8", "10.0.0.1", "0", "false"), Roles(rows[6]));
        Assert.Equal("icmp_type", rows[6]["role_basis"]);
        Assert.Equal("2001:db8:200::80", rows[17]["server_ip"]);
        Assert.Equal("shared", rows[18]["server_scope"]);
    }

    [Fact]
    public void Zeek_tsv_and_zeek_json_give_the_same_answers()
    {
        CliResult tsv = Run("classify", Sample("zeek", "conn.log"));
        CliResult json = Run("classify", Sample("zeek", "conn.json"));
        Assert.Equal(0, tsv.ExitCode);
        Assert.Equal(0, json.ExitCode);
        List<Dictionary<string, string>> a = tsv.CsvRows(out _, out List<List<string>> rawTsv);
        List<Dictionary<string, string>> b = json.CsvRows();
        Assert.Equal(13, a.Count);
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            foreach (string field in OutputContract.FieldNames.Where(f => f != "service"))
            {
                Assert.Equal(a[i][field], b[i][field]);
            }
        }

        // The analyzer-flipped NTP record and the SYN-ACK-first RDP record keep Zeek's (already corrected) orientation.
        Assert.Equal("zeek_history", a[3]["role_basis"]);
        Assert.Equal("162.159.200.1", a[3]["client_ip"]);
        Assert.Equal("203.0.113.50", a[6]["client_ip"]);
        Assert.Equal("10.0.0.10", a[6]["server_ip"]);

        // Zeek's "-" stays as written in the input columns (Zeek's own service column comes 8th).
        Assert.Equal("-", rawTsv[5][7]);
        Assert.Equal("smb", a[5]["service"]);
    }

    [Fact]
    public void Suricata_eve_non_flow_events_pass_through_with_an_error()
    {
        string path = Sample("suricata", "eve.json");
        CliResult result = Run("classify", "--format", "json", path);
        Assert.Equal(3, result.ExitCode);
        string[] lines = result.OutputLines;
        string[] input = File.ReadAllLines(path);
        Assert.Equal(input.Length, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            // Each input record is kept as written; FlowRole's fields follow it.
            Assert.StartsWith(input[i].Substring(0, input[i].Length - 1) + ",", lines[i]);
            using JsonDocument doc = JsonDocument.Parse(lines[i]);
            string type = doc.RootElement.GetProperty("event_type").GetString()!;
            bool hasError = doc.RootElement.TryGetProperty("flowrole_error", out JsonElement error);
            Assert.Equal(type is not ("flow" or "netflow"), hasError);
            if (hasError)
            {
                Assert.Equal("event_type: '" + type + "' is not a flow record (only Suricata flow and netflow events are classified)", error.GetString());
                Assert.False(doc.RootElement.TryGetProperty("client_ip", out _));
            }
        }

        Assert.Equal(new[]
        {
            "flowrole: " + path + ":4: event_type: 'dns' is not a flow record (only Suricata flow and netflow events are classified)",
            "flowrole: " + path + ":6: event_type: 'alert' is not a flow record (only Suricata flow and netflow events are classified)",
            "flowrole: 2 of 10 records could not be classified; they carry flowrole_error in the output",
        }, result.ErrorLines);

        // The flow record and its reverse netflow record are the same flow.
        using JsonDocument flow = JsonDocument.Parse(lines[0]);
        using JsonDocument netflow = JsonDocument.Parse(lines[1]);
        Assert.Equal(flow.RootElement.GetProperty("community_id").GetString(), netflow.RootElement.GetProperty("community_id").GetString());
        Assert.Equal("10.0.0.23", netflow.RootElement.GetProperty("client_ip").GetString());
        Assert.True(netflow.RootElement.GetProperty("swapped").GetBoolean());

        // ICMP flows without ports take type and code.
        using JsonDocument icmp = JsonDocument.Parse(lines[6]);
        Assert.Equal(8, icmp.RootElement.GetProperty("client_port").GetInt32());
        Assert.Equal("icmp", icmp.RootElement.GetProperty("transport").GetString());
    }

    [Fact]
    public void Windows_firewall_log_uses_the_logged_direction()
    {
        CliResult result = Run("classify", Sample("windows", "pfirewall.log"));
        Assert.Equal(0, result.ExitCode);
        List<Dictionary<string, string>> rows = result.CsvRows();
        Assert.Equal(10, rows.Count);
        Assert.Equal("initiator", rows[0]["role_basis"]);
        Assert.Equal(("198.51.100.77", "50111", "10.0.0.23", "3389", "false"), Roles(rows[3]));
        Assert.Equal("tcp_flags", rows[4]["role_basis"]);
        Assert.Equal("icmp", rows[5]["transport"]);
        Assert.Equal("RECEIVE", rows[3]["path"]);
    }

    [Fact]
    public void Get_NetTCPConnection_json_array_is_classified()
    {
        CliResult result = Run("classify", "-f", "json", Sample("windows", "tcp-connections.json"));
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.OutputLines;
        Assert.Equal(5, lines.Length);
        var docs = lines.Select(l => JsonDocument.Parse(l)).ToList();
        Assert.Equal("198.51.100.77", docs[1].RootElement.GetProperty("client_ip").GetString());
        Assert.True(docs[1].RootElement.GetProperty("swapped").GetBoolean());
        Assert.Equal("initiator", docs[2].RootElement.GetProperty("role_basis").GetString()); // SynSent
        Assert.Equal(3, docs[2].RootElement.GetProperty("State").GetInt32());
        Assert.Equal("loopback", docs[3].RootElement.GetProperty("server_scope").GetString());
        docs.ForEach(d => d.Dispose());
    }

    [Fact]
    public void Sysmon_initiated_false_makes_the_remote_side_the_client()
    {
        CliResult result = Run("classify", Sample("windows", "sysmon-network.csv"));
        Assert.Equal(0, result.ExitCode);
        List<Dictionary<string, string>> rows = result.CsvRows();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal("initiator", r["role_basis"]));
        Assert.Equal(("198.51.100.77", "50111", "10.0.0.23", "3389", "true"), Roles(rows[1]));
        Assert.Equal(@"C:\Windows\System32\svchost.exe", rows[1]["Image"]);
    }

    [Fact]
    public void Every_sample_in_every_output_format_writes_one_record_per_input_record()
    {
        foreach (string file in new[] { "flows.csv", "zeek/conn.log", "zeek/conn.json", "suricata/eve.json", "windows/pfirewall.log", "windows/tcp-connections.json", "windows/sysmon-network.csv" })
        {
            string path = Sample(file.Split('/'));
            int records = ReadInputRows(path, out _).Count;
            CliResult csv = Run("classify", "-f", "csv", path);
            CliResult json = Run("classify", "-f", "json", path);
            CliResult table = Run("classify", "-f", "table", path);
            Assert.Equal(records, csv.CsvRows().Count);
            Assert.Equal(records, json.OutputLines.Length);
            Assert.Equal(records + 1, table.OutputLines.Length);
            Assert.All(json.OutputLines, l => JsonDocument.Parse(l).Dispose());
            Assert.Equal(csv.ExitCode, json.ExitCode);
            Assert.Equal(csv.ExitCode, table.ExitCode);
        }
    }

    private static (string, string, string, string, string) Roles(Dictionary<string, string> row) =>
        (row["client_ip"], row["client_port"], row["server_ip"], row["server_port"], row["swapped"]);
}
