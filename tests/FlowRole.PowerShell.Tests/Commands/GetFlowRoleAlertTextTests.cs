using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using FlowRole.PowerShell.Errors;
using FlowRole.PowerShell.Results;
using FlowRole.PowerShell.Tests.Infrastructure;
using FlowRole.Tests;
using FlowRole.Text;
using Xunit;

namespace FlowRole.PowerShell.Tests.Commands;

/// <summary>Strings piped into Get-FlowRole are alert text; every result explains itself in words.</summary>
public sealed class GetFlowRoleAlertTextTests : IClassFixture<PowerShellSession>, IDisposable
{
    private const string Seed = "Source: 10.0.0.5:53210 -> Destination: 192.168.1.100:443";
    private const string Asa = "%ASA-6-302013: Built inbound TCP connection 8 for outside:198.51.7.20/54321 (198.51.7.20/54321) to inside:10.0.0.25/3389 (10.0.0.25/3389)";

    private readonly PowerShellSession _ps;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "flowrole-alert-" + Guid.NewGuid().ToString("N"));

    public GetFlowRoleAlertTextTests(PowerShellSession ps)
    {
        _ps = ps;
        Directory.CreateDirectory(_dir);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Piped_strings_are_read_as_alert_text_in_order_with_errors_for_text_that_states_no_flow()
    {
        RunResult run = _ps.Run("$args[0], 'junk without addresses', $args[1] | Get-FlowRole", Seed, Asa);
        Assert.Equal(2, run.Output.Count);
        var first = (FlowRoleResult)run.Output[0].BaseObject;
        var second = (FlowRoleResult)run.Output[1].BaseObject;
        Assert.Equal("10.0.0.5", first.ClientAddress);
        Assert.Equal(443, first.ServerPort);
        Assert.Equal("https", first.Service);
        Assert.Equal(Seed, PSObject.AsPSObject(first.InputObject).BaseObject);
        Assert.Equal("198.51.7.20", second.ClientAddress);
        Assert.Equal("initiator", second.RoleBasis);
        Assert.Equal("inbound", second.Direction);

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.Equal("NoEndpoint,FlowRole.PowerShell.Commands.GetFlowRoleCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal("input 2: no endpoint: the text holds no IP address", error.Exception.Message);
        Assert.Equal(2, Assert.IsType<FlowInputException>(error.Exception).Position);
        Assert.Equal("junk without addresses", error.TargetObject);
    }

    [Fact]
    public void Get_content_of_the_sample_alerts()
    {
        string path = TestPaths.InRepo("samples", "alerts.txt");
        RunResult run = _ps.Run("[System.IO.File]::ReadLines($args[0]) | Get-FlowRole", path);
        Assert.True(run.Errors.Count == 0, string.Join("\n", run.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)));
        Assert.Equal(File.ReadAllLines(path).Length, run.Output.Count);
    }

    [Fact]
    public void Every_result_carries_core_s_explanation()
    {
        PSObject result = Assert.Single(_ps.Ok("$args[0] | Get-FlowRole", Seed));
        string explanation = (string)result.Properties["Explanation"].Value;
        FlowResult expected = Classifier.Default.Classify(AlertTextParser.Parse(Seed).Record);
        Assert.Equal(Classifier.Default.Describe(expected), explanation);
        Assert.StartsWith("Client: 10.0.0.5 (private), port 53210.\nServer: 192.168.1.100 (private), port 443, service https.\n", explanation, StringComparison.Ordinal);

        // Objects and parameters get one too.
        PSObject fromParameters = Assert.Single(_ps.Ok("Get-FlowRole 203.0.113.9 50211 10.0.0.5 3389 tcp"));
        Assert.Contains("Finding: [high] FR-RDP-INBOUND", (string)fromParameters.Properties["Explanation"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_is_listed_by_get_member()
    {
        var names = _ps.Ok("($args[0] | Get-FlowRole).PSObject.Properties.Name", Seed).Select(o => o.BaseObject.ToString()).ToArray();
        Assert.Contains("Explanation", names);
    }

    [Fact]
    public void Format_list_view_shows_the_facts_then_the_explanation()
    {
        // The hosted engine has no Format-List: evaluate the list view's items from the shipped format file instead.
        var view = System.Xml.Linq.XDocument.Load(Path.Combine(PowerShellSession.ModuleDirectory, "FlowRole.format.ps1xml"))
            .Descendants("View").Single(v => (string?)v.Element("Name") == "FlowRole.FlowResult.List");
        Assert.Equal("FlowRole.FlowResult", (string?)view.Element("ViewSelectedBy")!.Element("TypeName"));
        var items = view.Descendants("ListItem").ToList();
        _ps.Set("r", Assert.Single(_ps.Ok("$args[0] | Get-FlowRole", Asa)));
        var shown = items.Select(item =>
        {
            string label = (string?)item.Element("Label") ?? (string)item.Element("PropertyName")!;
            string script = (string?)item.Element("ScriptBlock") ?? "$_." + (string)item.Element("PropertyName")!;
            object? value = _ps.Ok("$r | ForEach-Object { " + script + " }").Single().BaseObject;
            return (label, Text: Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();

        Assert.Equal(new[] { "Client", "Server", "Transport", "Service", "RoleBasis", "Confidence", "Direction", "Severity", "Findings", "Explanation" },
            shown.Select(s => s.label));
        Assert.Equal("198.51.7.20:54321", shown[0].Text);
        Assert.Equal("10.0.0.25:3389", shown[1].Text);
        Assert.Equal("0.95", shown[5].Text);
        Assert.Equal("FR-RDP-INBOUND, FR-RDP-SESSION", shown[8].Text);
        Assert.StartsWith("Client: 198.51.7.20 (global), port 54321.", shown[9].Text, StringComparison.Ordinal);
        Assert.Contains("Why: the firewall's own connection record names 198.51.7.20 as the side that opened the connection", shown[9].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_writes_the_alert_line_as_its_field()
    {
        string output = Path.Combine(_dir, "alerts.csv");
        _ps.Ok("$args[0] | Get-FlowRole | Export-FlowRole $args[1]", Seed, output);
        string[] lines = File.ReadAllLines(output);
        Assert.StartsWith("alert_text,client_ip,client_port,server_ip,server_port,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Source: 10.0.0.5:53210 -> Destination: 192.168.1.100:443,10.0.0.5,53210,192.168.1.100,443,", lines[1], StringComparison.Ordinal);
    }
}
