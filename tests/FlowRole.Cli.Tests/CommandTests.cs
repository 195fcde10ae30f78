using System.Linq;
using System.Text.Json;
using FlowRole.Fields;
using Xunit;
using static FlowRole.Cli.Tests.CliRunner;

namespace FlowRole.Cli.Tests;

public class CommandTests
{
    [Fact]
    public void Port_by_number_shows_tcp_and_udp_and_the_rules_on_it()
    {
        CliResult result = Run("port", "3389");
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.OutputLines;
        Assert.StartsWith("PORT", lines[0]);
        Assert.StartsWith("3389/tcp  ms-wbt-server  rdp", lines[1]);
        Assert.StartsWith("3389/udp  ms-wbt-server  rdp", lines[2]);
        Assert.Contains("  FR-RDP-INBOUND (high): Remote Desktop reached from outside", lines);
    }

    [Fact]
    public void Port_by_service_name_and_as_json()
    {
        CliResult result = Run("port", "rdp", "--transport", "tcp", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(result.Output);
        JsonElement entry = doc.RootElement.EnumerateArray().Single();
        Assert.Equal(3389, entry.GetProperty("port").GetInt32());
        Assert.Equal("tcp", entry.GetProperty("transport").GetString());
        Assert.Equal("ms-wbt-server", entry.GetProperty("service").GetString());
        Assert.Equal("registered", entry.GetProperty("class").GetString());
        Assert.Contains("FR-RDP-INBOUND", entry.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("direction inbound", entry.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "FR-RDP-INBOUND").GetProperty("condition").GetString());

        CliResult high = Run("port", "50000", "-f", "json");
        using JsonDocument dynamicPort = JsonDocument.Parse(high.Output);
        JsonElement first = dynamicPort.RootElement[0];
        Assert.Equal(JsonValueKind.Null, first.GetProperty("service").ValueKind);
        Assert.Equal("dynamic", first.GetProperty("class").GetString());
        Assert.Contains("linux", first.GetProperty("ephemeral_on").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Port_errors()
    {
        Assert.Equal("flowrole: port: 'no-such-service' is neither a port number (0-65535) nor a known service name", Run("port", "no-such-service").ErrorLines.Single());
        Assert.Equal(2, Run("port", "no-such-service").ExitCode);
        Assert.Equal(2, Run("port").ExitCode);
        Assert.Equal(2, Run("port", "22", "-t", "icmp").ExitCode);
    }

    [Fact]
    public void Policy_show_prints_the_effective_policy()
    {
        CliResult json = Run("policy", "show");
        Assert.Equal(0, json.ExitCode);
        using (JsonDocument doc = JsonDocument.Parse(json.Output))
        {
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        }

        CliResult table = Run("policy", "show", "--format", "table");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Policy: the embedded default", table.OutputLines);
        Assert.Contains(table.OutputLines, l => l.StartsWith("FR-RDP-INBOUND ", System.StringComparison.Ordinal));

        CliResult layered = Run("policy", "show", "-f", "table", Sample("policies", "example.json"));
        Assert.Equal(0, layered.ExitCode);
        Assert.Contains("Policy: " + Sample("policies", "example.json") + " over the embedded default", layered.OutputLines);
    }

    [Fact]
    public void Policy_validate_reports_each_file()
    {
        CliResult ok = Run("policy", "validate", Sample("policies", "example.json"), Sample("policies", "minimal.json"));
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(2, ok.OutputLines.Length);
        Assert.StartsWith(Sample("policies", "example.json") + ": valid; the effective policy has ", ok.OutputLines[0]);

        string bad = System.IO.Path.GetTempFileName();
        try
        {
            System.IO.File.WriteAllText(bad, "{\n  \"version\": 1,\n  \"threshold\": \"severe\"\n}\n");
            CliResult result = Run("policy", "validate", bad);
            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith("flowrole: " + bad + ":3:", result.ErrorLines[0]);
        }
        finally
        {
            System.IO.File.Delete(bad);
        }

        Assert.Equal(2, Run("policy").ExitCode);
        Assert.Equal(2, Run("policy", "validate").ExitCode);
        Assert.Equal(2, Run("policy", "frob").ExitCode);
    }

    [Fact]
    public void Fields_lists_every_field_and_alias()
    {
        CliResult table = Run("fields");
        Assert.Equal(0, table.ExitCode);
        foreach (FlowField field in FieldAliases.Fields)
        {
            Assert.Contains(FieldAliases.ParameterName(field) + " (" + FieldAliases.DisplayName(field) + ")", table.OutputLines);
        }

        CliResult csv = Run("fields", "--format", "csv");
        Assert.Equal("field,name,alias,schema,requires", csv.OutputLines[0]);
        Assert.Equal(FieldAliases.Fields.Sum(f => FieldAliases.For(f).Count), csv.OutputLines.Length - 1);
        Assert.Contains("FirewallPath,firewall_path,path,WindowsFirewall,src-ip", csv.OutputLines);
    }

    [Fact]
    public void Help_and_version()
    {
        CliResult general = Run("--help");
        Assert.Equal(0, general.ExitCode);
        Assert.Contains("Commands:", general.OutputLines);
        Assert.Equal(2, Run().ExitCode); // no command: help, and a usage exit code

        CliResult classify = Run("classify", "--help");
        Assert.Equal(0, classify.ExitCode);
        Assert.StartsWith("Usage: flowrole classify", classify.Output);
        Assert.Equal(classify.Output, Run("help", "classify").Output);
        foreach (string command in new[] { "port", "policy", "fields" })
        {
            Assert.StartsWith("Usage: flowrole " + command, Run(command, "-h").Output);
        }

        CliResult version = Run("--version");
        Assert.Matches(@"^flowrole \d+\.\d+\.\d+", version.Output);
    }
}
