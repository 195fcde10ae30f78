using System;
using System.Linq;
using FlowRole.Addresses;
using FlowRole.Policy;
using Xunit;

namespace FlowRole.Tests.Policy;

/// <summary>A user file layered over the default: add, override, disable, threshold, allow-lists, internal networks.</summary>
public sealed class PolicyLayeringTests
{
    private static PortPolicy Load(string json) => PortPolicy.Parse(json, "user.json");

    [Fact]
    public void Empty_user_file_is_the_default()
    {
        var policy = Load("{\"version\": 1}");
        Assert.Equal(PortPolicy.Default.ToJson(), policy.ToJson());
    }

    [Fact]
    public void Adds_a_rule_after_the_defaults()
    {
        var policy = Load("""
            {
              "version": 1,
              "rules": [
                { "id": "ACME-PRINTER", "title": "Raw printing to the Internet", "severity": "high",
                  "server_ports": [9100], "direction": ["outbound"], "sources": ["acme:TKT-42"] }
              ]
            }
            """);
        Assert.Equal(PortPolicy.Default.Rules.Count + 1, policy.Rules.Count);
        Assert.Equal("ACME-PRINTER", policy.Rules[^1].Id);
        Assert.Equal(PortPolicy.Default.Rules.Select(r => r.Id), policy.Rules.Take(PortPolicy.Default.Rules.Count).Select(r => r.Id));
        Assert.Equal(new[] { "ACME-PRINTER" }, PolicyFlows.Matches(policy, "tcp 10.0.0.5:50123 -> 8.8.8.8:9100"));
        Assert.Empty(PolicyFlows.Matches(policy, "tcp 10.0.0.5:50123 -> 10.0.0.6:9100"));
        Assert.Equal(Severity.High, policy.FindRule("acme-printer")!.Severity);
    }

    [Fact]
    public void Override_changes_only_the_fields_given_and_keeps_the_position()
    {
        var policy = Load("""{ "version": 1, "rules": [ { "id": "fr-ssh-inbound", "severity": "critical" } ] }""");
        var before = PortPolicy.Default.FindRule("FR-SSH-INBOUND")!;
        var after = policy.FindRule("FR-SSH-INBOUND")!;
        Assert.Equal(Severity.Critical, after.Severity);
        Assert.Equal(before.Title, after.Title);
        Assert.Equal(before.ServerPorts, after.ServerPorts);
        Assert.Equal(before.Directions, after.Directions);
        Assert.Equal(PortPolicy.Default.IndexOf("FR-SSH-INBOUND"), policy.IndexOf("FR-SSH-INBOUND"));
        Assert.Equal("FR-SSH-INBOUND", after.Id);
        Assert.Equal(Severity.Critical, policy.Evaluate(PolicyFlows.Parse("tcp 8.8.8.8:50123 -> 10.0.0.5:22")).Severity);

        // The default itself is untouched.
        Assert.Equal(Severity.Medium, PortPolicy.Default.FindRule("FR-SSH-INBOUND")!.Severity);
    }

    [Fact]
    public void Override_can_replace_and_clear_conditions()
    {
        // SMB to the Internet judged by the server's scope alone (also from hosts outside the internal networks).
        var policy = Load("""
            { "version": 1, "rules": [ { "id": "FR-SMB-OUTBOUND", "direction": null, "server_scope": ["external"], "server_ports": [445] } ] }
            """);
        var rule = policy.FindRule("FR-SMB-OUTBOUND")!;
        Assert.Equal(DirectionFilter.Any, rule.Directions);
        Assert.Equal(ScopeFilter.External, rule.ServerScopes);
        Assert.Equal(new[] { "445" }, rule.ServerPorts!.Items);
        Assert.Contains("FR-SMB-OUTBOUND", PolicyFlows.Matches(policy, "tcp 1.1.1.1:50123 -> 8.8.8.8:445"));
        Assert.DoesNotContain("FR-SMB-OUTBOUND", PolicyFlows.Matches(PortPolicy.Default, "tcp 1.1.1.1:50123 -> 8.8.8.8:445"));
        Assert.DoesNotContain("FR-SMB-OUTBOUND", PolicyFlows.Matches(policy, "tcp 10.0.0.5:50123 -> 8.8.8.8:139"));
    }

    [Fact]
    public void Disable_removes_rules_and_reindexes()
    {
        var policy = Load("""{ "version": 1, "disable": ["FR-RDP-SESSION", "fr-cleartext-service"] }""");
        Assert.Equal(PortPolicy.Default.Rules.Count - 2, policy.Rules.Count);
        Assert.Null(policy.FindRule("FR-RDP-SESSION"));
        Assert.Equal(-1, policy.IndexOf("FR-CLEARTEXT-SERVICE"));
        Assert.Equal(new[] { "FR-RDP-INBOUND" }, PolicyFlows.Matches(policy, "tcp 8.8.8.8:50123 -> 10.1.2.3:3389"));
        for (int i = 0; i < policy.Rules.Count; i++)
        {
            Assert.Equal(i, policy.IndexOf(policy.Rules[i].Id));
        }
    }

    [Fact]
    public void Threshold_decides_suspicious()
    {
        var strict = Load("""{ "version": 1, "threshold": "low" }""");
        var relaxed = Load("""{ "version": 1, "threshold": "HIGH" }""");
        var ssh = PolicyFlows.Parse("tcp 8.8.8.8:50123 -> 10.0.0.5:22");
        var rdpInside = PolicyFlows.Parse("tcp 10.0.0.1:50123 -> 10.0.0.5:3389");
        Assert.True(PortPolicy.Default.IsSuspicious(PortPolicy.Default.Evaluate(ssh)));
        Assert.False(relaxed.IsSuspicious(relaxed.Evaluate(ssh)));
        Assert.False(PortPolicy.Default.IsSuspicious(PortPolicy.Default.Evaluate(rdpInside)));
        Assert.True(strict.IsSuspicious(strict.Evaluate(rdpInside)));
        Assert.Equal(Severity.High, relaxed.Threshold);
        Assert.False(strict.IsSuspicious(strict.Evaluate(PolicyFlows.Parse("tcp 10.0.0.1:50123 -> 8.8.8.8:443"))));
    }

    [Fact]
    public void Allow_list_silences_listed_rules_for_matching_flows_only()
    {
        var policy = Load("""
            {
              "version": 1,
              "allow": [
                { "rules": ["FR-RDP-SESSION", "FR-WINRM-SESSION"], "client": ["10.0.0.10", "10.0.1.0/24"], "comment": "jump hosts" },
                { "rules": "FR-SMTP-OUTBOUND", "client": "10.0.0.25", "server_ports": [25] }
              ]
            }
            """);
        Assert.Empty(PolicyFlows.Matches(policy, "tcp 10.0.0.10:50123 -> 10.0.0.5:3389"));
        Assert.Empty(PolicyFlows.Matches(policy, "tcp 10.0.1.77:50123 -> 10.0.0.5:5985"));
        Assert.Equal(new[] { "FR-RDP-SESSION" }, PolicyFlows.Matches(policy, "tcp 10.0.0.11:50123 -> 10.0.0.5:3389"));

        // Only the listed rules go: inbound RDP to the jump host's network is still reported.
        Assert.Equal(new[] { "FR-RDP-INBOUND", "FR-RDP-SESSION" }, PolicyFlows.Matches(policy, "tcp 8.8.8.8:50123 -> 10.0.0.10:3389"));

        Assert.Empty(PolicyFlows.Matches(policy, "tcp 10.0.0.25:50123 -> 8.8.8.8:25"));
        Assert.Equal(new[] { "FR-SMTP-OUTBOUND" }, PolicyFlows.Matches(policy, "tcp 10.0.0.25:50123 -> 8.8.8.8:587"));
        Assert.Equal("jump hosts", policy.Allow[0].Comment);
    }

    [Fact]
    public void Allow_star_silences_every_rule_for_a_server()
    {
        var policy = Load("""{ "version": 1, "allow": [ { "rules": "*", "server": "192.0.2.0/24" } ] }""");
        Assert.Empty(PolicyFlows.Matches(policy, "tcp 8.8.8.8:50123 -> 192.0.2.7:4444"));
        Assert.NotEmpty(PolicyFlows.Matches(policy, "tcp 8.8.8.8:50123 -> 198.51.100.7:4444"));
        var verdict = policy.Evaluate(PolicyFlows.Parse("tcp 8.8.8.8:50123 -> 192.0.2.7:4444"));
        Assert.Equal(Severity.None, verdict.Severity);
        Assert.True(verdict.Matches.IsEmpty);
    }

    [Fact]
    public void Allow_by_transport_and_client_port()
    {
        var policy = Load("""
            { "version": 1, "allow": [ { "rules": ["FR-WELL-KNOWN-CLIENT-PORT"], "client_ports": [88], "transport": "udp" } ] }
            """);
        Assert.Empty(PolicyFlows.Matches(policy, "udp 10.0.0.5:88 -> 10.0.0.6:40000"));
        Assert.Equal(new[] { "FR-WELL-KNOWN-CLIENT-PORT" }, PolicyFlows.Matches(policy, "tcp 10.0.0.5:88 -> 10.0.0.6:40000"));
    }

    [Fact]
    public void Internal_networks_change_what_is_inbound()
    {
        var policy = Load("""{ "version": 1, "internal_networks": ["10.0.0.0/8", "2001:db8:100::/48"] }""");
        Assert.Equal(new[] { "10.0.0.0/8", "2001:db8:100::/48" }, policy.InternalNetworks.Networks.Select(n => n.ToString()));

        // 192.168/16 is internal by default, but not inside this organisation's networks.
        const string flow = "tcp 192.168.1.5:50123 -> 10.0.0.5:3389";
        Assert.DoesNotContain("FR-RDP-INBOUND", PolicyFlows.Matches(policy, flow));
        Assert.Contains("FR-RDP-INBOUND", PolicyFlows.Matches(policy, flow, policy.InternalNetworks));
        Assert.Contains("FR-RDP-INBOUND", PolicyFlows.Matches(policy, "tcp [2001:db8:200::1]:50123 -> [2001:db8:100::5]:3389", policy.InternalNetworks));
    }

    [Fact]
    public void Extends_none_holds_only_the_files_rules()
    {
        var policy = Load("""
            { "version": 1, "extends": "none",
              "rules": [ { "id": "ONLY", "title": "Only rule", "severity": "info", "server_ports": "dynamic", "transport": ["tcp"] } ] }
            """);
        Assert.Equal(new[] { "ONLY" }, policy.Rules.Select(r => r.Id));
        Assert.Equal(Severity.Medium, policy.Threshold);
        Assert.Equal(new[] { "ONLY" }, PolicyFlows.Matches(policy, "tcp 10.0.0.1:1234 -> 10.0.0.2:60000"));
        Assert.Empty(PolicyFlows.Matches(policy, "udp 10.0.0.1:1234 -> 10.0.0.2:60000"));
    }

    [Fact]
    public void Layered_policy_renders_as_a_self_contained_file()
    {
        var policy = Load("""
            {
              "version": 1,
              "threshold": "high",
              "internal_networks": ["10.0.0.0/8"],
              "disable": ["FR-BOTH-PORTS-DYNAMIC"],
              "rules": [ { "id": "ACME-1", "title": "Quote \"x\" \\ y", "severity": "low", "client_scope": ["documentation", "external"], "not_client_ports": ["0-1023"] } ],
              "allow": [ { "rules": ["ACME-1"], "client": "10.1.0.0/16", "server_ports": ["1-2", 8], "transport": ["tcp", "udp"] } ]
            }
            """);
        string json = policy.ToJson();
        Assert.Contains("\"extends\": \"none\"", json, StringComparison.Ordinal);
        var again = PortPolicy.Parse(json, "shown.json");
        Assert.Equal(json, again.ToJson());
        Assert.Equal(Severity.High, again.Threshold);
        Assert.Null(again.FindRule("FR-BOTH-PORTS-DYNAMIC"));
        Assert.Equal("Quote \"x\" \\ y", again.FindRule("ACME-1")!.Title);
        Assert.Equal(new[] { "0-1023" }, again.FindRule("ACME-1")!.NotClientPorts!.Items);
        Assert.Equal(TransportFilter.Tcp | TransportFilter.Udp, again.Allow[0].Transports);
        Assert.Equal(policy.Evaluate(PolicyFlows.Parse("tcp 8.8.8.8:50000 -> 10.0.0.1:3389", policy.InternalNetworks)).Matches,
            again.Evaluate(PolicyFlows.Parse("tcp 8.8.8.8:50000 -> 10.0.0.1:3389", again.InternalNetworks)).Matches);
    }

    [Fact]
    public void Policies_are_immutable_and_independent()
    {
        var a = Load("""{ "version": 1, "threshold": "info" }""");
        var b = Load("""{ "version": 1 }""");
        Assert.NotSame(a, b);
        Assert.Equal(Severity.Info, a.Threshold);
        Assert.Equal(Severity.Medium, b.Threshold);
        Assert.Same(PortPolicy.Default, PortPolicy.Default);
        Assert.Empty(PortPolicy.Empty.Rules);
        Assert.Equal(Severity.None, PortPolicy.Empty.Evaluate(PolicyFlows.Parse("tcp 8.8.8.8:1 -> 10.0.0.1:0")).Severity);
        _ = NetworkSet.Empty;
    }
}
