using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FlowRole.Flows;
using FlowRole.PowerShell.Results;
using FlowRole.PowerShell.Tests.Infrastructure;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.PowerShell.Tests.Commands;

/// <summary>Get-FlowRole binds every shape analysts pipe in, by property name, through Core's alias map.</summary>
public class GetFlowRoleBindingTests : IClassFixture<PowerShellSession>
{
    private readonly PowerShellSession _ps;

    public GetFlowRoleBindingTests(PowerShellSession ps) => _ps = ps;

    private static FlowRoleResult Result(PSObject o) => (FlowRoleResult)o.BaseObject;

    [Fact]
    public void Import_Csv_rows_of_a_CIM_export_bind_and_reply_records_are_turned_around()
    {
        PSObject[] rows = PSInputs.ImportCsv(TestPaths.InRepo("samples", "flows.csv"));
        _ps.Set("rows", rows);
        RunResult run = _ps.Run("$rows | Get-FlowRole");
        Assert.Empty(run.Errors);
        Assert.Equal(rows.Length, run.Output.Count);

        // Row 2 is the server's side of row 1's HTTPS session (SYN,ACK from 93.184.216.34:443).
        FlowRoleResult reply = Result(run.Output[1]);
        Assert.Equal("10.0.0.23", reply.ClientAddress);
        Assert.Equal(52814, reply.ClientPort);
        Assert.Equal("93.184.216.34", reply.ServerAddress);
        Assert.Equal(443, reply.ServerPort);
        Assert.True(reply.Swapped);
        Assert.Equal("tcp_flags", reply.RoleBasis);
        Assert.Same(rows[1], reply.InputObject);
    }

    [Fact]
    public void Objects_classify_exactly_as_Core_classifies_the_same_fields()
    {
        PSObject[] rows = PSInputs.ImportCsv(TestPaths.InRepo("samples", "flows.csv"));
        _ps.Set("rows", rows);
        List<PSObject> output = _ps.Ok("$rows | Get-FlowRole");
        string[] header = rows[0].Properties.Select(p => p.Name).ToArray();
        var binder = new FlowRole.Fields.FlowRecordBinder(header);
        for (int i = 0; i < rows.Length; i++)
        {
            string?[] values = rows[i].Properties.Select(p => (string?)p.Value).ToArray();
            Assert.True(binder.TryBind(values, out FlowRecord record, out _));
            FlowResult expected = Classifier.Default.Classify(record);
            FlowRoleResult actual = Result(output[i]);
            Assert.Equal(expected.Client, actual.Result.Client);
            Assert.Equal(expected.Server, actual.Result.Server);
            Assert.Equal(expected.Basis, actual.Result.Basis);
            Assert.Equal(expected.Verdict.Matches, actual.Result.Verdict.Matches);
        }
    }

    [Fact]
    public void Nested_ConvertFrom_Json_objects_bind_through_dotted_ECS_names()
    {
        _ps.Set("events", PSInputs.FromJson("""
            {"@timestamp":"2026-08-01T10:00:00Z","source":{"ip":"203.0.113.9","port":45112},"destination":{"ip":"10.0.0.11","port":445},"network":{"transport":"tcp"}}
            """));
        FlowRoleResult r = Result(Assert.Single(_ps.Ok("$events | Get-FlowRole")));
        Assert.Equal("203.0.113.9", r.ClientAddress);
        Assert.Equal(445, r.ServerPort);
        Assert.Equal("inbound", r.Direction);
        Assert.Contains("FR-SMB-INBOUND", r.Findings);
    }

    [Fact]
    public void ECS_client_and_server_fields_name_the_initiator()
    {
        // A reply event: source is the server; client.* says who initiated.
        _ps.Set("events", PSInputs.FromJson("""
            {"source":{"ip":"10.0.0.5","port":8443},"destination":{"ip":"10.0.0.9","port":50111},"client":{"ip":"10.0.0.9","port":50111},"server":{"ip":"10.0.0.5","port":8443},"network":{"transport":"tcp"}}
            """));
        FlowRoleResult r = Result(Assert.Single(_ps.Ok("$events | Get-FlowRole")));
        Assert.Equal("10.0.0.9", r.ClientAddress);
        Assert.Equal(8443, r.ServerPort);
        Assert.True(r.Swapped);
        Assert.Equal("initiator", r.RoleBasis);
    }

    [Fact]
    public void Zeek_json_objects_use_history_as_evidence()
    {
        _ps.Set("conns", PSInputs.FromJson(System.IO.File.ReadAllText(TestPaths.InRepo("samples", "zeek", "conn.json"))));
        List<PSObject> output = _ps.Ok("$conns | Get-FlowRole");
        Assert.Equal(13, output.Count);
        Assert.Contains(output, o => Result(o).RoleBasis == "zeek_history");
    }

    [Fact]
    public void Suricata_flow_events_bind_and_alerts_are_reported_as_not_flows()
    {
        _ps.Set("events", PSInputs.FromJson(System.IO.File.ReadAllText(TestPaths.InRepo("samples", "suricata", "eve.json"))));
        RunResult run = _ps.Run("$events | Get-FlowRole");
        Assert.NotEmpty(run.Output);
        Assert.NotEmpty(run.Errors);
        Assert.All(run.Errors, e => Assert.Equal("NotAFlow,FlowRole.PowerShell.Commands.GetFlowRoleCommand", e.FullyQualifiedErrorId));
        Assert.Equal(10, run.Output.Count + run.Errors.Count);
    }

    [Fact]
    public void Sysmon_rows_use_Initiated_to_orient_inbound_connections()
    {
        PSObject[] rows = PSInputs.ImportCsv(TestPaths.InRepo("samples", "windows", "sysmon-network.csv"));
        _ps.Set("rows", rows);
        List<PSObject> output = _ps.Ok("$rows | Get-FlowRole");
        Assert.Equal(rows.Length, output.Count);

        // Row 2: svchost listening on 3389 accepted a connection (Initiated=false): the remote side is the client.
        FlowRoleResult rdp = Result(output[1]);
        Assert.Equal("198.51.100.77", rdp.ClientAddress);
        Assert.Equal(3389, rdp.ServerPort);
        Assert.True(rdp.Swapped);
        Assert.Equal("initiator", rdp.RoleBasis);
        Assert.Equal(FlowRole.Policy.Severity.High, rdp.Severity);
    }

    [Fact]
    public void Get_NetTCPConnection_objects_bind_with_their_state_enum()
    {
        // Get-NetTCPConnection's State is an enum; a SynSent socket is this host connecting out.
        _ps.Set("conns", new[]
        {
            PSObject.AsPSObject(new { LocalAddress = "10.0.0.23", LocalPort = (ushort)49901, RemoteAddress = "203.0.113.66", RemotePort = (ushort)4444, State = System.Net.NetworkInformation.TcpState.SynSent, OwningProcess = 7412u }),
            PSObject.AsPSObject(new { LocalAddress = "10.0.0.23", LocalPort = (ushort)3389, RemoteAddress = "198.51.100.77", RemotePort = (ushort)50111, State = System.Net.NetworkInformation.TcpState.SynReceived, OwningProcess = 1204u }),
        });
        List<PSObject> output = _ps.Ok("$conns | Get-FlowRole");
        Assert.Equal("203.0.113.66", Result(output[0]).ServerAddress);
        Assert.Equal("initiator", Result(output[0]).RoleBasis);
        Assert.Contains("FR-BACKDOOR-PORT", Result(output[0]).Findings);
        Assert.Equal("198.51.100.77", Result(output[1]).ClientAddress);
        Assert.True(Result(output[1]).Swapped);
    }

    [Fact]
    public void A_listening_socket_is_not_a_flow()
    {
        _ps.Set("conns", new[] { PSObject.AsPSObject(new { LocalAddress = "0.0.0.0", LocalPort = 445, RemoteAddress = "0.0.0.0", RemotePort = 0, State = "Listen" }) });
        RunResult run = _ps.Run("$conns | Get-FlowRole");
        ErrorRecord error = Assert.Single(run.Errors);
        Assert.Equal("NotAFlow,FlowRole.PowerShell.Commands.GetFlowRoleCommand", error.FullyQualifiedErrorId);
        Assert.Equal("Listen", error.TargetObject);
    }

    [Fact]
    public void Hashtables_bind_by_key_including_nested_ones()
    {
        _ps.Set("table", PSInputs.HashtableFromJson("""{"source":{"ip":"10.0.0.1","port":50000},"destination":{"ip":"192.0.2.8","port":23},"network":{"transport":"tcp"}}"""));
        List<PSObject> output = _ps.Ok("$table | Get-FlowRole; @{ src_ip = '10.0.0.1'; src_port = 50001; dest_ip = '10.0.0.2'; dest_port = 22; transport = 'tcp' } | Get-FlowRole");
        Assert.Equal(2, output.Count);
        Assert.Equal(23, Result(output[0]).ServerPort);
        Assert.Equal("telnet", Result(output[0]).Service);
        Assert.Equal(22, Result(output[1]).ServerPort);
    }

    [Fact]
    public void Typed_values_bind_as_well_as_strings()
    {
        List<PSObject> output = _ps.Ok("""
            [pscustomobject]@{ SourceIp = [ipaddress]'10.0.0.7'; SourcePort = [uint16]50000; DestinationIp = [ipaddress]'2001:db8::9'; DestinationPort = 443L; Protocol = 'tcp'; Initiated = $true } | Get-FlowRole
            """);
        FlowRoleResult r = Result(Assert.Single(output));
        Assert.Equal("2001:db8::9", r.ServerAddress);
        Assert.Equal("initiator", r.RoleBasis);
    }

    [Fact]
    public void Mixed_shapes_in_one_pipeline_each_bind_by_their_own_names()
    {
        List<PSObject> output = _ps.Ok("""
            @(
                [pscustomobject]@{ src_ip = '10.0.0.1'; src_port = '50000'; dest_ip = '10.0.0.2'; dest_port = '22'; transport = 'tcp' }
                [pscustomobject]@{ 'id.orig_h' = '10.0.0.3'; 'id.orig_p' = 50001; 'id.resp_h' = '10.0.0.4'; 'id.resp_p' = 53; proto = 'udp' }
                [pscustomobject]@{ src_ip = '10.0.0.5'; src_port = '50002'; dest_ip = '10.0.0.6'; dest_port = '3389'; transport = 'tcp'; tcp_flag = 'SA' }
                [pscustomobject]@{ src_ip = '10.0.0.1'; src_port = '50000'; dest_ip = '10.0.0.2'; dest_port = '22'; transport = 'tcp' }
            ) | Get-FlowRole
            """);
        Assert.Equal(new[] { 22, 53, 50002, 22 }, output.Select(o => Result(o).ServerPort));
        Assert.Equal("tcp_flags", Result(output[2]).RoleBasis);
    }

    [Fact]
    public void Recognising_like_objects_by_name_never_changes_a_result()
    {
        // Each object once on its own (nothing remembered) and all in one pipeline (shapes remembered) agree, however
        // the next object differs from the last: another name in the same count, a nested value, an extra property,
        // a script property.
        const string objects = """
            $a = @{ src_ip = '10.0.0.1'; src_port = '1'; dest_ip = '10.0.0.2'; dest_port = '3389'; transport = 'tcp' }
            $list = @(
                [pscustomobject]$a
                [pscustomobject]$a
                [pscustomobject]@{ src_ip = '10.0.0.1'; src_port = '1'; dest_ip = '10.0.0.2'; dest_port = '3389'; proto = 'udp' }
                [pscustomobject]$a
                [pscustomobject]@{ src_ip = '10.0.0.1'; src_port = '1'; dest_ip = '10.0.0.2'; dest_port = '3389'; transport = [pscustomobject]@{ name = 'udp' } }
                [pscustomobject]$a
                [pscustomobject]@{ src_ip = '10.0.0.1'; src_port = '1'; dest_ip = '10.0.0.2'; dest_port = '3389'; transport = 'tcp'; history = '^hA' }
                [pscustomobject]$a
                [pscustomobject]@{ SRC_IP = '10.0.0.1'; src_port = '1'; dest_ip = '10.0.0.2'; dest_port = '3389'; transport = 'udp' }
            )
            $withScript = [pscustomobject]$a
            $withScript.psobject.Properties.Add([System.Management.Automation.PSScriptProperty]::new('tcp_flag', { 'SA' }))
            $list += $withScript
            $list += [pscustomobject]$a
            """;
        RunResult together = _ps.Run(objects + "\n$list | Get-FlowRole");
        RunResult apart = _ps.Run(objects + "\n$list | ForEach-Object { $_ | Get-FlowRole }");
        Assert.Equal(apart.Errors.Count, together.Errors.Count);
        Assert.Equal(apart.Output.Count, together.Output.Count);
        Assert.Equal(11, together.Output.Count + together.Errors.Count);
        string Describe(PSObject o) { var r = Result(o); return r.ToString() + " " + r.RoleBasis + " " + r.Swapped; }
        Assert.Equal(apart.Output.Select(Describe), together.Output.Select(Describe));
        Assert.Equal("udp", Result(together.Output[2]).Transport);
        Assert.True(Result(together.Output[9]).Swapped);
        Assert.Equal("zeek_history", Result(together.Output[6]).RoleBasis);
        Assert.Equal("udp", Result(together.Output[8]).Transport);
    }

    [Fact]
    public void The_public_property_view_and_the_instance_member_fast_path_read_the_same_fields()
    {
        Assert.True(FlowRole.PowerShell.Binding.InstanceMembers.Available);
        PSObject[] objects = PSInputs.FromJson("""
            {"a":"x","source":{"ip":"10.0.0.1","port":5},"n":7,"b":true,"z":null}
            """);
        var fast = new FlowRole.PowerShell.Binding.ObjectReader();
        fast.Read(objects[0]);
        var slow = new FlowRole.PowerShell.Binding.ObjectReader(useInstanceMembers: false);
        slow.Read(objects[0]);
        Assert.Equal(new[] { "a", "source.ip", "source.port", "n", "b", "z" }, fast.Names);
        Assert.Equal(fast.Names, slow.Names);
        for (int i = 0; i < fast.Count; i++)
        {
            Assert.Equal(fast.ValueAt(i), slow.ValueAt(i));
        }
    }

    [Fact]
    public void Objects_with_script_or_alias_properties_are_read_through_the_public_view()
    {
        List<PSObject> output = _ps.Ok("""
            $o = [pscustomobject]@{ from = '10.0.0.1'; sport = 50000; dest_ip = '10.0.0.2'; dest_port = 22; transport = 'tcp' }
            $o.psobject.Properties.Add([System.Management.Automation.PSAliasProperty]::new('src_ip', 'from'))
            $o.psobject.Properties.Add([System.Management.Automation.PSScriptProperty]::new('src_port', { $this.sport }))
            $o | Get-FlowRole
            """);
        FlowRoleResult r = Result(Assert.Single(output));
        Assert.Equal("10.0.0.1", r.ClientAddress);
        Assert.Equal(50000, r.ClientPort);
    }
}
