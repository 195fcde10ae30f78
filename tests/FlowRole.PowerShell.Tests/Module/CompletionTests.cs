using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using FlowRole.PowerShell.Tests.Infrastructure;
using Xunit;

namespace FlowRole.PowerShell.Tests.Module;

/// <summary>Tab completion where it helps: service names, policy rule ids (from -Policy when given), transports, formats.</summary>
public class CompletionTests : IClassFixture<PowerShellSession>
{
    private readonly PowerShellSession _ps;

    public CompletionTests(PowerShellSession ps) => _ps = ps;

    private string[] Complete(string input)
    {
        PSObject result = _ps.Ok("TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length", input)[0];
        var matches = (System.Collections.IEnumerable)result.Properties["CompletionMatches"].Value;
        return matches.Cast<CompletionResult>().Select(m => m.CompletionText).ToArray();
    }

    [Fact]
    public void Service_names_complete_from_the_port_table()
    {
        string[] rd = Complete("Get-PortInfo -Service rd");
        Assert.Contains("rdp", rd);
        Assert.All(rd, c => Assert.StartsWith("rd", c, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("ms-wbt-server", Complete("Get-PortInfo -Service ms-wbt"));
        Assert.Contains("winrm", Complete("Get-PortInfo -Service 'win"));
    }

    [Fact]
    public void Service_completions_carry_the_ports_as_tooltips()
    {
        PSObject result = _ps.Ok("TabExpansion2 -inputScript 'Get-PortInfo -Service rdp' -cursorColumn 25")[0];
        CompletionResult rdp = ((System.Collections.IEnumerable)result.Properties["CompletionMatches"].Value).Cast<CompletionResult>().First(m => m.CompletionText == "rdp");
        Assert.StartsWith("rdp (3389/tcp, 3389/udp)", rdp.ToolTip, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_ids_complete_from_the_default_policy_or_the_one_given()
    {
        Assert.Equal(new[] { "FR-RDP-INBOUND", "FR-RDP-SESSION", "FR-RDP-LOOPBACK", "FR-RDP-SOURCE-TO-LOOPBACK", "FR-RDP-SOURCE-TO-WEB" }, Complete("Get-FlowRoleRule FR-RDP"));
        string policy = Path.Combine(Path.GetTempPath(), "flowrole-completion-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(policy, """{ "version": 1, "rules": [ { "id": "ACME-PRINT-OUT", "title": "Printing out", "severity": "high", "server_ports": [9100] } ] }""");
        try
        {
            Assert.Equal(new[] { "ACME-PRINT-OUT" }, Complete("Get-FlowRoleRule -Policy '" + policy + "' -Id ACME"));
            Assert.Empty(Complete("Get-FlowRoleRule -Id ACME"));
        }
        finally
        {
            File.Delete(policy);
        }
    }

    [Fact]
    public void Transports_and_formats_complete()
    {
        Assert.Equal(new[] { "tcp" }, Complete("Get-FlowRole -SourceAddress 10.0.0.1 -DestinationAddress 10.0.0.2 -Transport tc"));
        Assert.Contains("udp", Complete("Test-SuspiciousPort 53 -Transport "));
        Assert.Contains("WindowsFirewall", Complete("Import-FlowLog x.log -Format Win"));
        Assert.Contains("High", Complete("Get-FlowRole -LocalConnections -MinimumSeverity Hi"));
        Assert.Contains("Json", Complete("Export-FlowRole x.json -Format J"));
    }
}
