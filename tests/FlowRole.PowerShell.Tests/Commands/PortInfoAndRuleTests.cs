using System.Linq;
using System.Management.Automation;
using FlowRole.Flows;
using FlowRole.Policy;
using FlowRole.Ports;
using FlowRole.PowerShell.Tests.Infrastructure;
using Xunit;

namespace FlowRole.PowerShell.Tests.Commands;

public class PortInfoAndRuleTests : IClassFixture<PowerShellSession>
{
    private readonly PowerShellSession _ps;

    public PortInfoAndRuleTests(PowerShellSession ps) => _ps = ps;

    [Fact]
    public void A_port_is_shown_for_tcp_and_udp_and_sctp_when_IANA_assigns_it()
    {
        PortInfo[] rdp = _ps.Ok("Get-PortInfo 3389").Select(o => (PortInfo)o.BaseObject).ToArray();
        Assert.Equal(new[] { Transport.Tcp, Transport.Udp }, rdp.Select(p => p.Transport));
        Assert.All(rdp, p => Assert.Equal("ms-wbt-server", p.ServiceName));
        Assert.All(rdp, p => Assert.Equal(PortClass.Registered, p.Class));

        // IANA assigns 9 (discard) on SCTP too.
        Assert.Equal(new[] { Transport.Tcp, Transport.Udp, Transport.Sctp }, _ps.Ok("Get-PortInfo 9").Select(o => ((PortInfo)o.BaseObject).Transport));
        Assert.Equal(new[] { Transport.Sctp }, _ps.Ok("Get-PortInfo 3389 -Transport sctp").Select(o => ((PortInfo)o.BaseObject).Transport));
        Assert.Equal(4, _ps.Ok("3389, 49152 | Get-PortInfo").Count);
    }

    [Fact]
    public void A_service_name_returns_the_ports_registered_for_it()
    {
        PortInfo[] rdp = _ps.Ok("Get-PortInfo -Service rdp").Select(o => (PortInfo)o.BaseObject).ToArray();
        Assert.Equal(PortTable.Default.FindByService("rdp").ToArray(), rdp);
        Assert.Contains(rdp, p => p.Port == 3389 && p.Transport == Transport.Tcp);
        Assert.Equal(new ushort[] { 445, 139 }.OrderBy(p => p), _ps.Ok("Get-PortInfo -Service smb -Transport tcp").Select(o => ((PortInfo)o.BaseObject).Port).OrderBy(p => p));
    }

    [Fact]
    public void Unknown_services_and_bad_ports_are_reported()
    {
        RunResult run = _ps.Run("Get-PortInfo -Service rdp, nosuchservice, ssh");
        ErrorRecord error = Assert.Single(run.Errors);
        Assert.Equal("UnknownService,FlowRole.PowerShell.Commands.GetPortInfoCommand", error.FullyQualifiedErrorId);
        Assert.Equal("nosuchservice", error.TargetObject);
        Assert.Contains(run.Output, o => ((PortInfo)o.BaseObject).Port == 22);
        Assert.Equal("ParameterArgumentValidationError,FlowRole.PowerShell.Commands.GetPortInfoCommand",
            Assert.Single(_ps.Run("Get-PortInfo 65536").Errors).FullyQualifiedErrorId);
        Assert.Equal("ParameterArgumentValidationError,FlowRole.PowerShell.Commands.GetPortInfoCommand",
            Assert.Single(_ps.Run("Get-PortInfo 80 -Transport icmp").Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Port_info_shows_as_a_table_with_the_contract_names()
    {
        RunResult run = _ps.Run("Get-PortInfo 3389 -Transport tcp | Out-Host");
        string[] lines = run.HostText.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "Port", "Transport", "Service", "Name", "Class", "EphemeralOn", "Description" }, lines[0].Split(' ', System.StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("3389 tcp ms-wbt-server rdp registered windows-legacy openbsd MS WBT Server", string.Join(' ', lines[2].Split(' ', System.StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void Rules_are_listed_found_by_id_and_by_wildcard()
    {
        Assert.Equal(PortPolicy.Default.Rules.Count, _ps.Ok("Get-FlowRoleRule").Count);
        PolicyRule rule = (PolicyRule)Assert.Single(_ps.Ok("Get-FlowRoleRule fr-rdp-inbound")).BaseObject;
        Assert.Equal("FR-RDP-INBOUND", rule.Id);
        Assert.Equal(new[] { "FR-RDP-INBOUND", "FR-RDP-SESSION", "FR-RDP-LOOPBACK", "FR-RDP-SOURCE-TO-LOOPBACK", "FR-RDP-SOURCE-TO-WEB" },
            _ps.Ok("Get-FlowRoleRule FR-RDP-*").Select(o => ((PolicyRule)o.BaseObject).Id));
        RunResult missing = _ps.Run("Get-FlowRoleRule FR-NOPE");
        Assert.Equal("RuleNotFound,FlowRole.PowerShell.Commands.GetFlowRoleRuleCommand", Assert.Single(missing.Errors).FullyQualifiedErrorId);

        // Findings flow into it by property name.
        Assert.Equal(new[] { "FR-BACKDOOR-PORT" }, _ps.Ok("(Test-SuspiciousPort 1337).Findings | Get-FlowRoleRule").Select(o => ((PolicyRule)o.BaseObject).Id));
    }

    [Fact]
    public void Rules_show_as_a_table()
    {
        RunResult run = _ps.Run("Get-FlowRoleRule FR-RDP-INBOUND | Out-Host");
        string[] lines = run.HostText.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "Id", "Severity", "Title", "AttackTechniques", "Conditions" }, lines[0].Split(' ', System.StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("FR-RDP-INBOUND High Remote Desktop reached from outside T1133, T1021.001 server_ports 3389", string.Join(' ', lines[2].Split(' ', System.StringSplitOptions.RemoveEmptyEntries)), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_describe_their_conditions_as_the_cli_does()
    {
        // Get-FlowRoleRule's Conditions and Test-SuspiciousPort's Condition are Core's PolicyRuleText, shared with the CLI.
        PolicyRule rdp = PortPolicy.Default.FindRule("FR-RDP-INBOUND")!;
        Assert.Equal(PolicyRuleText.Conditions(rdp), Assert.Single(_ps.Ok("(Get-FlowRoleRule FR-RDP-INBOUND).Conditions")).BaseObject);
        Assert.Equal("server_ports 3389, direction inbound", PolicyRuleText.Conditions(rdp));
        Assert.Equal("direction inbound", PolicyRuleText.ConditionsBeyondServerPort(rdp));
    }
}
