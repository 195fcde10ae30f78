using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FlowRole.PowerShell.Errors;
using FlowRole.PowerShell.Results;
using FlowRole.PowerShell.Tests.Infrastructure;
using Xunit;

namespace FlowRole.PowerShell.Tests.Commands;

/// <summary>
/// Every record-level problem is a non-terminating error with a stable id, a category and the offending value as its
/// target; the objects around it are classified, in order; -ErrorAction Stop stops at it.
/// </summary>
public class GetFlowRoleErrorTests : IClassFixture<PowerShellSession>
{
    private const string Cmdlet = ",FlowRole.PowerShell.Commands.GetFlowRoleCommand";

    private readonly PowerShellSession _ps;

    public GetFlowRoleErrorTests(PowerShellSession ps) => _ps = ps;

    public static TheoryData<string, string, string?, string> BadRecords => new()
    {
        // property assignments for the middle object, error id, target, message
        { "src_ip = 'host1'", "InvalidAddress", "host1", "input 2: src_ip: 'host1' is not an IP address" },
        { "dest_port = '70000'", "InvalidPort", "70000", "input 2: dest_port: '70000' is not a port (0-65535)" },
        { "transport = 'tcpx'", "InvalidTransport", "tcpx", "input 2: transport: 'tcpx' is not a transport (a name such as tcp, udp, icmp, or an IANA protocol number 0-255)" },
        { "tcp_flag = 'Q'", "InvalidTcpFlags", "Q", "input 2: tcp_flag: 'Q' is not a set of TCP flags (such as S, SA, SYN,ACK, 0x12, 18 or [S.])" },
        { "history = 'S?'", "InvalidHistory", "S?", "input 2: history: 'S?' is not a Zeek history (letters such as ShADadFf, optionally with ^)" },
        { "conn_state = 'XX'", "InvalidConnState", "XX", "input 2: conn_state: 'XX' is not a Zeek conn_state (S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH)" },
        { "initiator = 'maybe'", "InvalidInitiator", "maybe", "input 2: initiator: 'maybe' is not an initiator (source or destination)" },
        { "bytes_out = '12k'", "InvalidCount", "12k", "input 2: bytes_out: '12k' is not a count (a whole number, 0 or more)" },
        { "dest_port = ''", "Missing", null, "input 2: dest_port: empty; a destination port is required" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public void A_bad_record_is_a_non_terminating_error_and_its_neighbours_are_classified(string assignment, string id, string? target, string message)
    {
        RunResult run = _ps.Run("""
            $good = @{ src_ip = '10.0.0.1'; src_port = '50000'; dest_ip = '10.0.0.2'; dest_port = '22'; transport = 'tcp' }
            $bad = [ordered]@{} + $good
            """ + "\n$bad." + assignment.Replace(" = ", " = ", System.StringComparison.Ordinal) + "\n" + """
            [pscustomobject]$good, [pscustomobject]$bad, [pscustomobject]$good | Get-FlowRole
            """);
        Assert.Equal(2, run.Output.Count);
        Assert.True(run.HadErrors);
        ErrorRecord error = Assert.Single(run.Errors);
        Assert.Equal(id + Cmdlet, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(message, error.Exception.Message);
        var exception = Assert.IsType<FlowInputException>(error.Exception);
        Assert.Equal(2, exception.Position);
        Assert.NotNull(exception.InputObject);
        if (target is null)
        {
            Assert.Same(exception.InputObject, error.TargetObject);
        }
        else
        {
            Assert.Equal(target, error.TargetObject);
            Assert.Equal(target, exception.Value);
        }
    }

    [Fact]
    public void Icmp_codes_firewall_paths_and_socket_states_are_validated()
    {
        RunResult run = _ps.Run("""
            [pscustomobject]@{ src_ip = '10.0.0.1'; dest_ip = '10.0.0.2'; transport = 'icmp'; icmp_type = '300' },
            [pscustomobject]@{ 'src-ip' = '10.0.0.1'; 'src-port' = '1'; 'dst-ip' = '10.0.0.2'; 'dst-port' = '2'; protocol = 'TCP'; path = 'SIDEWAYS' },
            [pscustomobject]@{ LocalAddress = '10.0.0.1'; LocalPort = 1; RemoteAddress = '10.0.0.2'; RemotePort = 2; State = 'Dancing' } | Get-FlowRole
            """);
        Assert.Empty(run.Output);
        Assert.Equal(new[] { "InvalidIcmp", "InvalidFirewallPath", "InvalidSocketState" }, run.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
    }

    [Fact]
    public void An_object_without_address_fields_says_which_names_were_looked_for()
    {
        RunResult run = _ps.Run("[pscustomobject]@{ name = 'x'; port = 1 } | Get-FlowRole");
        ErrorRecord error = Assert.Single(run.Errors);
        Assert.Equal("NoColumn" + Cmdlet, error.FullyQualifiedErrorId);
        Assert.StartsWith("input 1: no source address field (expected one of src_ip, source.ip, id.orig_h", error.Exception.Message, System.StringComparison.Ordinal);
        Assert.IsType<PSObject>(error.TargetObject);
    }

    [Fact]
    public void ErrorAction_Stop_stops_at_the_first_bad_record_with_its_id()
    {
        List<PSObject> output = _ps.Ok("""
            $seen = [System.Collections.Generic.List[object]]::new()
            try {
                [pscustomobject]@{ src_ip = '10.0.0.1'; src_port = 1; dest_ip = '10.0.0.2'; dest_port = 22 },
                [pscustomobject]@{ src_ip = 'nope'; src_port = 1; dest_ip = '10.0.0.2'; dest_port = 22 },
                [pscustomobject]@{ src_ip = '10.0.0.3'; src_port = 1; dest_ip = '10.0.0.2'; dest_port = 22 } |
                    Get-FlowRole -ErrorAction Stop | ForEach-Object { $seen.Add($_) }
                'not reached'
            } catch {
                $_.FullyQualifiedErrorId
                $seen.Count
            }
            """);
        Assert.Equal("InvalidAddress" + Cmdlet, output[0].BaseObject);
        Assert.Equal(1, output[1].BaseObject);
    }

    [Fact]
    public void ErrorAction_Stop_throws_to_the_host_with_the_original_record()
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _ps.Runspace;
        ps.AddScript("[pscustomobject]@{ src_ip = '10.0.0.1'; src_port = 1; dest_ip = '10.0.0.2'; dest_port = 99999 } | Get-FlowRole -ErrorAction Stop");
        var e = Assert.Throws<ActionPreferenceStopException>(() => ps.Invoke());
        Assert.Equal("InvalidPort" + Cmdlet, e.ErrorRecord.FullyQualifiedErrorId);
    }

    [Fact]
    public void SilentlyContinue_drops_nothing_but_the_bad_record()
    {
        List<PSObject> output = _ps.Ok("""
            1..5 | ForEach-Object { [pscustomobject]@{ src_ip = "10.0.0.$_"; src_port = if ($_ -eq 3) { 'x' } else { 50000 + $_ }; dest_ip = '10.0.0.99'; dest_port = 443; transport = 'tcp' } } |
                Get-FlowRole -ErrorAction SilentlyContinue -ErrorVariable problems
            $problems.Count
            """);
        Assert.Equal(new[] { 50001, 50002, 50004, 50005 }, output.Take(4).Select(o => ((FlowRoleResult)o.BaseObject).ClientPort));
        Assert.Equal(1, output[4].BaseObject);
    }

    [Fact]
    public void Parameter_values_are_validated_by_PowerShell_and_by_Core()
    {
        RunResult range = _ps.Run("Get-FlowRole -SourceAddress 10.0.0.1 -SourcePort 70000 -DestinationAddress 10.0.0.2 -DestinationPort 1");
        Assert.Equal("ParameterArgumentValidationError,FlowRole.PowerShell.Commands.GetFlowRoleCommand", Assert.Single(range.Errors).FullyQualifiedErrorId);

        RunResult address = _ps.Run("Get-FlowRole -SourceAddress 10.0.0.1 -SourcePort 1 -DestinationAddress 10.0.0.300 -DestinationPort 1");
        ErrorRecord error = Assert.Single(address.Errors);
        Assert.Equal("InvalidAddress" + Cmdlet, error.FullyQualifiedErrorId);
        Assert.Equal("DestinationAddress: '10.0.0.300' is not an IP address", error.Exception.Message);
        Assert.Equal("10.0.0.300", error.TargetObject);

        RunResult missing = _ps.Run("Get-FlowRole -SourceAddress 10.0.0.1 -DestinationAddress 10.0.0.2 -DestinationPort 1 -Transport tcp");
        Assert.Equal("SourcePort: empty; a source port is required", Assert.Single(missing.Errors).Exception.Message);
    }

    [Fact]
    public void A_flow_given_as_parameters_without_an_address_is_an_error_naming_it()
    {
        // The addresses are not Mandatory (PowerShell would re-check them for every piped object): the binder says
        // which one is missing instead of the engine.
        RunResult noDestination = _ps.Run("Get-FlowRole -SourceAddress 10.0.0.1 -SourcePort 1 -DestinationPort 2 -Transport tcp");
        ErrorRecord error = Assert.Single(noDestination.Errors);
        Assert.Equal("DestinationAddress: empty; a destination address is required", error.Exception.Message);
        Assert.Empty(noDestination.Output);

        RunResult noSource = _ps.Run("Get-FlowRole -DestinationAddress 10.0.0.2 -SourcePort 1 -DestinationPort 2");
        Assert.Equal("SourceAddress: empty; a source address is required", Assert.Single(noSource.Errors).Exception.Message);

        Assert.Empty(_ps.Ok("Get-FlowRole -LocalConnections:$false"));
    }

    [Fact]
    public void Configuration_errors_stop_the_command_and_name_the_value()
    {
        string flow = "[pscustomobject]@{ src_ip = '10.0.0.1'; src_port = 1; dest_ip = '10.0.0.2'; dest_port = 22 } | Get-FlowRole ";
        Assert.Equal("InvalidInternalNetwork", TerminatingId(flow + "-InternalNetwork 10.0.0.0/8, 10.0.0.1/33"));
        Assert.Equal("InvalidListener", TerminatingId(flow + "-Listener 10.0.0.2:22"));
        Assert.Equal("PathNotFound", TerminatingId(flow + "-Policy ./no-such-policy.json"));

        string policy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flowrole-bad-policy-" + System.Guid.NewGuid().ToString("N") + ".json");
        System.IO.File.WriteAllText(policy, "{ \"version\": 1, \"rules\": [ { \"id\": \"X-1\", \"title\": \"t\", \"severity\": \"high\", \"server_ports\": [70000] } ] }");
        try
        {
            RunResult run = _ps.Run(flow + "-Policy $args[0]; 'next statement runs'", policy);
            ErrorRecord error = Assert.Single(run.Errors);
            Assert.Equal("InvalidPolicy" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains("70000", error.Exception.Message, System.StringComparison.Ordinal);
            Assert.Equal("next statement runs", Assert.Single(run.Output).BaseObject);
        }
        finally
        {
            System.IO.File.Delete(policy);
        }
    }

    /// <summary>The id of the error that ended the command (a statement-terminating error: nothing was classified).</summary>
    private string TerminatingId(string script)
    {
        RunResult run = _ps.Run(script);
        Assert.Empty(run.Output);
        return Assert.Single(run.Errors).FullyQualifiedErrorId.Split(',')[0];
    }
}
