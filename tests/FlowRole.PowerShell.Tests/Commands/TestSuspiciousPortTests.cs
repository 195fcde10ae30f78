using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using FlowRole.Policy;
using FlowRole.PowerShell.Results;
using FlowRole.PowerShell.Tests.Infrastructure;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.PowerShell.Tests.Commands;

public class TestSuspiciousPortTests : IClassFixture<PowerShellSession>
{
    private const string Cmdlet = ",FlowRole.PowerShell.Commands.TestSuspiciousPortCommand";

    private readonly PowerShellSession _ps;

    public TestSuspiciousPortTests(PowerShellSession ps) => _ps = ps;

    private static PortTestResult Result(PSObject o) => (PortTestResult)o.BaseObject;

    [Fact]
    public void A_port_returns_every_rule_that_names_it_with_what_else_each_needs()
    {
        PortTestResult r = Result(Assert.Single(_ps.Ok("Test-SuspiciousPort 4444")));
        Assert.Equal("4444/tcp", r.Target);
        Assert.Equal(new[] { "FR-CALLBACK-PORT-WINDOWS", "FR-CALLBACK-PORT-LINUX", "FR-BACKDOOR-PORT" }, r.Findings.Select(f => f.RuleId));
        Assert.Equal(new[] { "server_scope external", "server_scope external", "" }, r.Findings.Select(f => f.Condition));
        Assert.True(r.Suspicious);
        Assert.Equal(Severity.Medium, r.Severity);
        Assert.Equal(Severity.High, r.ConditionalSeverity);
        Assert.Contains("T1571", r.Findings.SelectMany(f => f.AttackTechniques));
    }

    [Fact]
    public void A_port_flagged_only_in_context_is_not_suspicious_alone()
    {
        PortTestResult r = Result(Assert.Single(_ps.Ok("Test-SuspiciousPort -Port 3389")));
        Assert.False(r.Suspicious);
        Assert.Equal(Severity.Low, r.Severity);
        Assert.Equal(Severity.High, r.ConditionalSeverity);
        Assert.Equal("direction inbound", r.Findings.Single(f => f.RuleId == "FR-RDP-INBOUND").Condition);
        Assert.Equal("rdp", r.Service);
    }

    [Fact]
    public void Quiet_returns_only_booleans_for_piped_ports()
    {
        Assert.Equal(new object[] { true, false, false, true }, _ps.Ok("4444, 3389, 443, 23 | Test-SuspiciousPort -Quiet").Select(o => o.BaseObject));
    }

    [Fact]
    public void Strings_are_ports_or_service_names()
    {
        var results = _ps.Ok("'4444', 'rdp' | Test-SuspiciousPort").Select(Result).ToList();
        Assert.Equal(new[] { "4444/tcp", "3389/tcp", "3389/udp" }, results.Select(r => r.Target));
        Assert.Equal(new[] { "3389/udp" }, _ps.Ok("'rdp' | Test-SuspiciousPort -Transport udp").Select(o => Result(o).Target));
    }

    [Fact]
    public void Port_objects_are_tested_on_their_own_transport()
    {
        var results = _ps.Ok("Get-PortInfo -Service ntp | Test-SuspiciousPort; [pscustomobject]@{ DestinationPort = 4444; dst = '10.0.0.5' } | Test-SuspiciousPort; [pscustomobject]@{ Port = 0; Transport = 'udp' } | Test-SuspiciousPort")
            .Select(Result).ToList();
        Assert.Contains(results, r => r.Target == "123/udp");
        Assert.Contains(results, r => r.Target == "4444/tcp" && r.Suspicious);
        PortTestResult zero = results.Single(r => r.Target == "0/udp");
        Assert.Equal("FR-PORT-ZERO-SERVER", Assert.Single(zero.Findings).RuleId);
    }

    [Fact]
    public void Flows_are_classified_first_so_replies_are_judged_as_the_requests_they_answer()
    {
        PSObject[] rows = PSInputs.ImportCsv(TestPaths.InRepo("samples", "windows", "sysmon-network.csv"));
        _ps.Set("rows", rows);
        var results = _ps.Ok("$rows | Test-SuspiciousPort").Select(Result).ToList();
        Assert.Equal(rows.Length, results.Count);
        PortTestResult rdp = results[1];
        Assert.Equal("198.51.100.77:50111 -> 10.0.0.23:3389/tcp", rdp.Target);
        Assert.True(rdp.Suspicious);
        Assert.Equal(new[] { "FR-RDP-INBOUND", "FR-RDP-SESSION" }, rdp.Findings.Select(f => f.RuleId));
        Assert.All(rdp.Findings, f => Assert.Equal(string.Empty, f.Condition));
        Assert.Same(rows[1], rdp.InputObject);
        Assert.NotNull(rdp.Flow);
        Assert.Equal(new object[] { false, true, true, true, false }, _ps.Ok("$rows | Test-SuspiciousPort -Quiet").Select(o => o.BaseObject));
    }

    [Fact]
    public void Bad_ports_and_unknown_inputs_are_non_terminating_errors()
    {
        RunResult run = _ps.Run("4444, 70000, 'nosuchservice', '99999', [pscustomobject]@{ name = 'x' }, 22 | Test-SuspiciousPort -Quiet");
        Assert.Equal(new object[] { true, false }, run.Output.Select(o => o.BaseObject));
        Assert.Equal(new[] { "InvalidPort", "UnknownService", "InvalidPort", "UnsupportedInput" }, run.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(70000m, run.Errors[0].TargetObject);
        Assert.Equal("input 2: 70000 is not a port (0-65535).", run.Errors[0].Exception.Message);
        Assert.Equal(ErrorCategory.ObjectNotFound, run.Errors[1].CategoryInfo.Category);
        Assert.Equal("nosuchservice", run.Errors[1].TargetObject);
        Assert.StartsWith("input 5 is neither a port", run.Errors[3].Exception.Message, StringComparison.Ordinal);

        RunResult range = _ps.Run("Test-SuspiciousPort -Port 70000");
        Assert.Equal("ParameterArgumentValidationError" + Cmdlet, Assert.Single(range.Errors).FullyQualifiedErrorId);

        RunResult stop = _ps.Run("try { 1, 70000, 2 | Test-SuspiciousPort -Quiet -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }");
        Assert.Equal(new object[] { false, "InvalidPort" + Cmdlet }, stop.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void The_policy_decides_what_is_suspicious()
    {
        string policy = Path.Combine(Path.GetTempPath(), "flowrole-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(policy, """
            {
              "version": 1,
              "disable": ["FR-BACKDOOR-PORT"],
              "rules": [ { "id": "ACME-HTTPS-ANYWHERE", "title": "HTTPS (test rule)", "severity": "high", "server_ports": [443] } ]
            }
            """);
        try
        {
            Assert.Equal(new object[] { false, true }, _ps.Ok("4444, 443 | Test-SuspiciousPort -Quiet -Policy $args[0]", policy).Select(o => o.BaseObject));
        }
        finally
        {
            File.Delete(policy);
        }
    }
}
