using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using FlowRole.Fields;
using FlowRole.Policy;
using FlowRole.PowerShell.Results;
using FlowRole.PowerShell.Tests.Infrastructure;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.PowerShell.Tests.Commands;

public class GetFlowRoleOptionTests : IClassFixture<PowerShellSession>
{
    private const string Rdp = "[pscustomobject]@{ src_ip = '203.0.113.9'; src_port = 50211; dest_ip = '10.0.0.5'; dest_port = 3389; transport = 'tcp' }";

    private readonly PowerShellSession _ps;

    public GetFlowRoleOptionTests(PowerShellSession ps) => _ps = ps;

    private static FlowRoleResult Result(PSObject o) => (FlowRoleResult)o.BaseObject;

    [Fact]
    public void Every_output_contract_field_is_a_property_with_the_contract_text()
    {
        FlowRoleResult r = Result(Assert.Single(_ps.Ok(Rdp + " | Get-FlowRole")));
        var formatter = new FlowResultFormatter(Classifier.Default);
        foreach (OutputField field in OutputContract.ClassificationFields)
        {
            string name = OutputContract.NameOf(field) switch
            {
                "client_ip" => "ClientAddress",
                "server_ip" => "ServerAddress",
                string snake => string.Concat(snake.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..])),
            };
            object? value = typeof(FlowRoleResult).GetProperty(name)?.GetValue(r);
            string text = value switch
            {
                null => string.Empty,
                string[] values => string.Join(";", values),
                bool b => b ? "true" : "false",
                double d => d.ToString("0.00", CultureInfo.InvariantCulture),
                Severity s => FlowNames.Name(s),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            };
            Assert.True(typeof(FlowRoleResult).GetProperty(name) is not null, "no property for " + OutputContract.NameOf(field));
            Assert.Equal(formatter.Format(field, r.Result), text);
        }

        Assert.Equal(new[] { "FR-RDP-INBOUND", "FR-RDP-SESSION" }, r.Findings);
        Assert.Equal(new[] { "FR-RDP-INBOUND", "FR-RDP-SESSION" }, r.Rules.Select(rule => rule.Id));
        Assert.StartsWith("203.0.113.9:50211 is the client and 10.0.0.5:3389 the server", r.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Results_are_typed_FlowRole_FlowResult_and_show_as_a_table()
    {
        RunResult run = _ps.Run(Rdp + " | Get-FlowRole | Out-Host; (" + Rdp + " | Get-FlowRole).psobject.TypeNames[0]");
        Assert.Equal(FlowRoleResult.TypeName, Assert.Single(run.Output).BaseObject);
        string[] lines = run.HostText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "Client", "Server", "Transport", "Service", "RoleBasis", "Confidence", "Direction", "Severity", "Findings" },
            lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(new[] { "203.0.113.9:50211", "10.0.0.5:3389", "tcp", "rdp", "service_port", "0.90", "inbound", "High", "FR-RDP-INBOUND,", "FR-RDP-SESSION" },
            lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_adapter_shows_every_public_property_of_the_result_in_declaration_order()
    {
        string[] declared = typeof(FlowRoleResult).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .OrderBy(p => p.MetadataToken).Select(p => p.Name).ToArray();
        Assert.Equal(declared, FlowRoleResultAdapter.PropertyNames);
        Assert.Equal(declared, _ps.Ok(Rdp + " | Get-FlowRole | ForEach-Object { $_.psobject.Properties.Name }").Select(o => o.ToString()));
        Assert.Equal("System.Int32", _ps.Ok("(" + Rdp + " | Get-FlowRole).psobject.Properties['ServerPort'].TypeNameOfValue")[0].BaseObject);
    }

    [Fact]
    public void A_policy_file_is_layered_over_the_default()
    {
        string policy = TempFile("""
            { "version": 1, "disable": ["FR-RDP-SESSION"], "rules": [ { "id": "FR-RDP-INBOUND", "severity": "critical" } ] }
            """);
        try
        {
            FlowRoleResult r = Result(Assert.Single(_ps.Ok(Rdp + " | Get-FlowRole -Policy $args[0]", policy)));
            Assert.Equal(new[] { "FR-RDP-INBOUND" }, r.Findings);
            Assert.Equal(Severity.Critical, r.Severity);
        }
        finally
        {
            File.Delete(policy);
        }
    }

    [Fact]
    public void Internal_networks_decide_scopes_and_direction()
    {
        FlowRoleResult plain = Result(Assert.Single(_ps.Ok(Rdp + " | Get-FlowRole")));
        FlowRoleResult both = Result(Assert.Single(_ps.Ok(Rdp + " | Get-FlowRole -InternalNetwork 10.0.0.0/8, '203.0.113.0/24'")));
        Assert.Equal("inbound", plain.Direction);
        Assert.Equal("internal", both.Direction);
        Assert.DoesNotContain("FR-RDP-INBOUND", both.Findings);
    }

    [Fact]
    public void A_known_listener_settles_the_server()
    {
        // Both ports are high: without evidence the lower one would be taken as the server.
        const string flow = "[pscustomobject]@{ src_ip = '10.0.0.8'; src_port = 41000; dest_ip = '10.0.0.9'; dest_port = 52000; transport = 'tcp' }";
        FlowRoleResult guess = Result(Assert.Single(_ps.Ok(flow + " | Get-FlowRole")));
        FlowRoleResult known = Result(Assert.Single(_ps.Ok(flow + " | Get-FlowRole -Listener '10.0.0.8:41000/tcp'")));
        Assert.NotEqual("listener", guess.RoleBasis);
        Assert.Equal("listener", known.RoleBasis);
        Assert.Equal(41000, known.ServerPort);
        Assert.True(known.Swapped);
    }

    [Fact]
    public void Learn_classifies_with_what_the_whole_set_shows_and_reports_progress()
    {
        // Eight clients reach 10.0.0.50:55000 from ports lower than it: fan-in says who serves.
        const string flows = "1..8 | ForEach-Object { [pscustomobject]@{ src_ip = \"10.0.1.$_\"; src_port = 40000 + $_; dest_ip = '10.0.0.50'; dest_port = 55000; transport = 'tcp' } }";
        List<PSObject> plain = _ps.Ok(flows + " | Get-FlowRole");
        RunResult learned = _ps.Run("$ProgressPreference = 'Continue'; " + flows + " | Get-FlowRole -Learn");
        Assert.Empty(learned.Errors);
        Assert.Equal(8, learned.Output.Count);
        Assert.All(learned.Output, o => Assert.Equal("learned", Result(o).RoleBasis));
        Assert.All(learned.Output, o => Assert.Equal(55000, Result(o).ServerPort));
        Assert.Contains(plain, o => Result(o).RoleBasis != "learned");
        Assert.Contains(_ps.Host.Progress, p => p.RecordType == ProgressRecordType.Completed && p.Activity == "Get-FlowRole");
    }

    [Fact]
    public void Severity_and_suspicious_filters_keep_only_what_is_asked()
    {
        const string mix = "@(" + Rdp + ", [pscustomobject]@{ src_ip = '10.0.0.5'; src_port = 50000; dest_ip = '10.0.0.6'; dest_port = 1433; transport = 'tcp' }, [pscustomobject]@{ src_ip = '10.0.0.5'; src_port = 50001; dest_ip = '10.0.0.7'; dest_port = 443; transport = 'tcp' })";
        Assert.Equal(3, _ps.Ok(mix + " | Get-FlowRole").Count);
        Assert.Equal(new[] { 3389, 1433 }, _ps.Ok(mix + " | Get-FlowRole -MinimumSeverity Low").Select(o => Result(o).ServerPort));
        Assert.Equal(new[] { 3389 }, _ps.Ok(mix + " | Get-FlowRole -MinimumSeverity High").Select(o => Result(o).ServerPort));
        Assert.Equal(new[] { 3389 }, _ps.Ok(mix + " | Get-FlowRole -SuspiciousOnly").Select(o => Result(o).ServerPort));
        Assert.Equal(new[] { 3389 }, _ps.Ok(mix + " | Get-FlowRole | Where-Object Severity -ge Medium").Select(o => Result(o).ServerPort));
    }

    [Fact]
    public void The_Community_ID_seed_is_passed_to_Core()
    {
        FlowRoleResult zero = Result(Assert.Single(_ps.Ok(Rdp + " | Get-FlowRole")));
        FlowRoleResult seeded = Result(Assert.Single(_ps.Ok(Rdp + " | Get-FlowRole -CommunityIdSeed 1")));
        var core = new FlowResultFormatter(new Classifier(new ClassifierOptions { CommunityIdSeed = 1 }));
        Assert.Equal(core.Format(OutputField.CommunityId, seeded.Result), seeded.CommunityId);
        Assert.NotEqual(zero.CommunityId, seeded.CommunityId);
        Assert.StartsWith("1:", seeded.CommunityId, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flow_given_as_parameters_is_classified_and_positional_parameters_work()
    {
        FlowRoleResult named = Result(Assert.Single(_ps.Ok(
            "Get-FlowRole -SourceAddress 10.0.0.5 -SourcePort 3389 -DestinationAddress 203.0.113.9 -DestinationPort 50211 -Transport tcp -TcpFlags SA")));
        Assert.Equal("203.0.113.9", named.ClientAddress);
        Assert.True(named.Swapped);
        Assert.Equal("tcp_flags", named.RoleBasis);
        Assert.Null(named.InputObject);

        FlowRoleResult positional = Result(Assert.Single(_ps.Ok("Get-FlowRole 10.0.0.1 50000 10.0.0.2 53 udp")));
        Assert.Equal("dns", positional.Service);

        FlowRoleResult zeek = Result(Assert.Single(_ps.Ok("Get-FlowRole 10.0.0.1 50000 10.0.0.2 8080 tcp -History 'ShADadFf' -ConnState SF")));
        Assert.Equal("zeek_history", zeek.RoleBasis);
    }

    [Fact]
    public void A_flow_parameter_on_the_command_line_binds_the_others_from_piped_properties_by_alias()
    {
        // -Transport selects the parameter set whose parameters bind from properties by name and alias.
        List<PSObject> output = _ps.Ok("""
            [pscustomobject]@{ 'id.orig_h' = '10.0.0.1'; 'id.orig_p' = 50000; 'id.resp_h' = '10.0.0.2'; 'id.resp_p' = 161; proto = 'tcp' },
            [pscustomobject]@{ SourceIp = '10.0.0.3'; SourcePort = 50001; DestinationIp = '10.0.0.4'; DestinationPort = 161 } |
                Get-FlowRole -Transport udp
            """);
        Assert.Equal(new[] { "udp", "udp" }, output.Select(o => Result(o).Transport));
        Assert.Equal(new[] { "snmp", "snmp" }, output.Select(o => Result(o).Service));
    }

    [Fact]
    public void A_result_piped_back_in_is_classified_again_under_the_new_settings()
    {
        FlowRoleResult again = Result(Assert.Single(_ps.Ok(Rdp + " | Get-FlowRole | Get-FlowRole -InternalNetwork 0.0.0.0/0")));
        Assert.Equal("internal", again.Direction);
        Assert.Equal("203.0.113.9", ((PSObject)again.InputObject!).Properties["src_ip"].Value);
    }

    [Fact]
    public void LocalConnections_classifies_live_sockets_with_the_hosts_listeners_as_evidence()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using TcpClient accepted = listener.AcceptTcpClient();
        int clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        List<FlowRoleResult> results = _ps.Ok("Get-FlowRole -LocalConnections").Select(Result)
            .Where(r => r.ServerAddress == "127.0.0.1" && (r.ServerPort == port || r.ClientPort == port)).ToList();

        // Both sockets of the connection are listed: the client's (local = client) and the server's (local = server).
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(port, r.ServerPort));
        Assert.All(results, r => Assert.Equal(clientPort, r.ClientPort));
        Assert.All(results, r => Assert.Equal("listener", r.RoleBasis));
        Assert.Single(results, r => r.Swapped);
        var input = (FlowRole.PowerShell.Local.LocalConnection)((PSObject)results[0].InputObject!).BaseObject;
        Assert.Equal("Established", input.State);
    }

    [Fact]
    public void LocalConnections_adds_to_the_listeners_given()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using TcpClient accepted = listener.AcceptTcpClient();
        int clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        // Vouching for the client's port too makes the evidence contradictory; Core keeps deciding by its own rules,
        // and the command still runs with both listener sources merged.
        RunResult run = _ps.Run("Get-FlowRole -LocalConnections -Listener ('127.0.0.1:' + $args[0] + '/tcp')", clientPort);
        Assert.Empty(run.Errors);
        Assert.Contains(run.Output, o => Result(o).ServerPort == port || Result(o).ServerPort == clientPort);
    }

    private static string TempFile(string content)
    {
        string path = Path.Combine(Path.GetTempPath(), "flowrole-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, content);
        return path;
    }
}
