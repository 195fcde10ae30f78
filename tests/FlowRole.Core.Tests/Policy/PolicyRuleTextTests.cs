using System.Linq;
using FlowRole.Flows;
using FlowRole.Policy;
using Xunit;

namespace FlowRole.Tests.Policy;

/// <summary>What the front ends show of a policy: the rules on a server port, and rule conditions in the file's words.</summary>
public sealed class PolicyRuleTextTests
{
    private static readonly PortPolicy Policy = PortPolicy.Parse("""
        {"version": 1, "extends": "none", "rules": [
          {"id": "WIDE", "title": "t", "severity": "low", "server_ports": ["1-1024"], "not_server_ports": [443]},
          {"id": "TCP-IN", "title": "t", "severity": "high", "transport": "tcp", "server_ports": [443, 3389], "direction": ["inbound", "internal"]},
          {"id": "UDP", "title": "t", "severity": "medium", "transport": ["udp", "sctp"], "server_ports": [3389], "client_scope": ["external"], "client_ports": [53]},
          {"id": "ICMP", "title": "t", "severity": "low", "transport": "icmp", "server_ports": [0]},
          {"id": "NO-PORT", "title": "t", "severity": "low", "direction": "outbound"}
        ]}
        """, "test.json");

    private static string[] Ids(ushort port, Transport transport) =>
        Policy.RulesForServerPort(port, transport).Select(i => Policy.Rules[i].Id).ToArray();

    [Fact]
    public void Rules_for_a_server_port_honour_exclusions_and_transports()
    {
        Assert.Equal(new[] { "TCP-IN" }, Ids(443, Transport.Tcp)); // WIDE excludes 443
        Assert.Equal(new[] { "TCP-IN" }, Ids(3389, Transport.Tcp));
        Assert.Equal(new[] { "UDP" }, Ids(3389, Transport.Udp));
        Assert.Equal(new[] { "UDP" }, Ids(3389, Transport.Sctp));
        Assert.Equal(new[] { "WIDE" }, Ids(80, Transport.Udp));
        Assert.Empty(Ids(2000, Transport.Tcp));

        // An ICMP "port" is a type or code: only rules naming ICMP see it, as in evaluation.
        Assert.Equal(new[] { "ICMP" }, Ids(0, Transport.Icmp));
        Assert.Equal(new[] { "WIDE" }, Ids(1, Transport.Unknown));
    }

    [Fact]
    public void Conditions_read_as_the_policy_file_writes_them()
    {
        PolicyRule wide = Policy.FindRule("WIDE")!, tcp = Policy.FindRule("TCP-IN")!, udp = Policy.FindRule("UDP")!, noPort = Policy.FindRule("NO-PORT")!;
        Assert.Equal("server_ports 1-1024, not_server_ports 443", PolicyRuleText.Conditions(wide));
        Assert.Equal("", PolicyRuleText.ConditionsBeyondServerPort(wide));
        Assert.Equal("server_ports 443|3389, transport tcp, direction inbound|internal", PolicyRuleText.Conditions(tcp));
        Assert.Equal("direction inbound|internal", PolicyRuleText.ConditionsBeyondServerPort(tcp));
        Assert.Equal("client_ports 53, client_scope external", PolicyRuleText.ConditionsBeyondServerPort(udp));
        Assert.Equal("direction outbound", PolicyRuleText.Conditions(noPort));
        Assert.Equal("udp,sctp", PolicyRuleText.Transports(udp.Transports));
        Assert.Equal("any", PolicyRuleText.Transports(noPort.Transports));
        Assert.Equal("any", PolicyRuleText.Directions(wide.Directions));
        Assert.Equal("external", PolicyRuleText.Scopes(udp.ClientScopes));
        Assert.Equal("443, 3389", PolicyRuleText.Ports(tcp.ServerPorts!, ", "));
    }
}
