using System;
using System.Collections.Generic;
using System.Linq;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Policy;
using Xunit;

namespace FlowRole.Tests.Policy;

/// <summary>The compiled evaluator: semantics of each condition, agreement with a naive evaluator, no allocation.</summary>
public sealed class PolicyEvaluationTests
{
    private static PortPolicy Rules(string rulesJson, string extra = "") =>
        PortPolicy.Parse("{\"version\": 1, \"extends\": \"none\", " + extra + "\"rules\": [" + rulesJson + "]}", "test.json");

    [Fact]
    public void Port_conditions_do_not_match_icmp_unless_asked()
    {
        var policy = Rules("""
            {"id": "ZERO", "title": "t", "severity": "low", "server_ports": [0]},
            {"id": "ICMP-ECHO", "title": "t", "severity": "low", "transport": "icmp", "client_ports": [8]},
            {"id": "ANY-ICMP", "title": "t", "severity": "low", "transport": "icmp"}
            """);
        Assert.Equal(new[] { "ICMP-ECHO", "ANY-ICMP" }, PolicyFlows.Matches(policy, "icmp 10.0.0.1:8 -> 10.0.0.2:0"));
        Assert.Equal(new[] { "ANY-ICMP" }, PolicyFlows.Matches(policy, "icmp6 [2001:db8::1]:128 -> [2001:db8::2]:0"));
        Assert.Equal(new[] { "ZERO" }, PolicyFlows.Matches(policy, "udp 10.0.0.1:8 -> 10.0.0.2:0"));
        Assert.Equal(new[] { "ZERO" }, PolicyFlows.Matches(policy, "unknown 10.0.0.1:8 -> 10.0.0.2:0"));
        Assert.Equal(new[] { "ZERO" }, PolicyFlows.Matches(policy, "gre 10.0.0.1:0 -> 10.0.0.2:0"));
    }

    [Fact]
    public void Transport_other_covers_unlisted_and_unknown_protocols()
    {
        var policy = Rules("""{"id": "OTHER", "title": "t", "severity": "low", "transport": ["other"]}""");
        Assert.Single(PolicyFlows.Matches(policy, "gre 10.0.0.1:0 -> 10.0.0.2:0"));
        Assert.Single(PolicyFlows.Matches(policy, "unknown 10.0.0.1:1 -> 10.0.0.2:2"));
        Assert.Empty(PolicyFlows.Matches(policy, "tcp 10.0.0.1:1 -> 10.0.0.2:2"));
        Assert.Empty(PolicyFlows.Matches(policy, "sctp 10.0.0.1:1 -> 10.0.0.2:2"));
    }

    [Fact]
    public void Scope_lists_are_any_of_and_internal_external_follow_the_classifier()
    {
        var policy = Rules("""
            {"id": "EXT", "title": "t", "severity": "low", "client_scope": ["external"]},
            {"id": "INT", "title": "t", "severity": "low", "client_scope": ["internal"]},
            {"id": "MC-OR-LOOP", "title": "t", "severity": "low", "server_scope": ["multicast", "loopback"]},
            {"id": "CGNAT", "title": "t", "severity": "low", "client_scope": "shared"}
            """);
        Assert.Equal(new[] { "EXT" }, PolicyFlows.Matches(policy, "udp 8.8.8.8:1 -> 10.0.0.1:2"));
        Assert.Equal(new[] { "INT", "MC-OR-LOOP" }, PolicyFlows.Matches(policy, "udp 10.0.0.1:1 -> 239.1.1.1:2"));
        Assert.Equal(new[] { "INT", "MC-OR-LOOP" }, PolicyFlows.Matches(policy, "tcp [::1]:1 -> [::1]:2"));
        Assert.Equal(new[] { "INT", "CGNAT" }, PolicyFlows.Matches(policy, "udp 100.64.0.9:1 -> 10.0.0.1:2"));

        // The unspecified address is neither internal nor external.
        Assert.Empty(PolicyFlows.Matches(policy, "udp 0.0.0.0:68 -> 10.0.0.1:67"));

        // Internal-ness comes from the input, so internal networks decide it: 8.8.8.0/24 as an internal block.
        var inside = new NetworkSet(new[] { IpNetwork.Parse("8.8.8.0/24") });
        Assert.Equal(new[] { "INT" }, PolicyFlows.Matches(policy, "udp 8.8.8.8:1 -> 10.0.0.1:2", inside));
    }

    [Fact]
    public void Direction_lists_are_any_of()
    {
        var policy = Rules("""
            {"id": "IN-OR-EXT", "title": "t", "severity": "low", "direction": ["inbound", "external"]},
            {"id": "UNKNOWN", "title": "t", "severity": "low", "direction": "unknown"}
            """);
        Assert.Equal(new[] { "IN-OR-EXT" }, PolicyFlows.Matches(policy, "tcp 8.8.8.8:1 -> 10.0.0.1:2"));
        Assert.Equal(new[] { "IN-OR-EXT" }, PolicyFlows.Matches(policy, "tcp 8.8.8.8:1 -> 1.1.1.1:2"));
        Assert.Empty(PolicyFlows.Matches(policy, "tcp 10.0.0.1:1 -> 8.8.8.8:2"));
        Assert.Equal(new[] { "UNKNOWN" }, PolicyFlows.Matches(policy, "udp 10.0.0.1:1 -> 224.0.0.251:5353"));
    }

    [Fact]
    public void Direction_only_constructor_derives_internal_ness()
    {
        var policy = Rules("""{"id": "EXT-SERVER", "title": "t", "severity": "low", "server_scope": "external"}""");
        var a = IpAddress.Parse("10.0.0.1");
        var b = IpAddress.Parse("8.8.8.8");
        var outbound = new PolicyInput(Transport.Tcp, a, 50000, b, 443, AddressScope.Private, AddressScope.Global, Direction.Outbound);
        Assert.Equal(true, outbound.ClientInternal);
        Assert.Equal(false, outbound.ServerInternal);
        Assert.False(policy.Evaluate(outbound).Matches.IsEmpty);
        var unknown = new PolicyInput(Transport.Tcp, a, 50000, b, 443, AddressScope.Private, AddressScope.Global, Direction.Unknown);
        Assert.Null(unknown.ServerInternal);
        Assert.True(policy.Evaluate(unknown).Matches.IsEmpty);
    }

    [Fact]
    public void Exchanged_swaps_everything_role_bound()
    {
        var input = PolicyFlows.Parse("tcp 10.0.0.1:50000 -> 8.8.8.8:443");
        var x = input.Exchanged();
        Assert.Equal(input.ServerAddress, x.ClientAddress);
        Assert.Equal((ushort)443, x.ClientPort);
        Assert.Equal((ushort)50000, x.ServerPort);
        Assert.Equal(AddressScope.Global, x.ClientScope);
        Assert.Equal(Direction.Inbound, x.Direction);
        Assert.Equal(false, x.ClientInternal);
        Assert.Equal(true, x.ServerInternal);
        Assert.Equal(input.Transport, x.Transport);
    }

    [Fact]
    public void Exclusions_carve_out_of_port_sets()
    {
        var policy = Rules("""
            {"id": "HIGH-NOT-8080", "title": "t", "severity": "low", "server_ports": ["8000-8999"], "not_server_ports": [8080, "8443-8444"]},
            {"id": "ANY-BUT-WEB", "title": "t", "severity": "low", "not_server_ports": [80, 443]}
            """);
        Assert.Equal(new[] { "HIGH-NOT-8080", "ANY-BUT-WEB" }, PolicyFlows.Matches(policy, "tcp 10.0.0.1:1 -> 10.0.0.2:8000"));
        Assert.Equal(new[] { "ANY-BUT-WEB" }, PolicyFlows.Matches(policy, "tcp 10.0.0.1:1 -> 10.0.0.2:8080"));
        Assert.Equal(new[] { "ANY-BUT-WEB" }, PolicyFlows.Matches(policy, "tcp 10.0.0.1:1 -> 10.0.0.2:8444"));
        Assert.Equal(new[] { "HIGH-NOT-8080", "ANY-BUT-WEB" }, PolicyFlows.Matches(policy, "tcp 10.0.0.1:1 -> 10.0.0.2:8445"));
        Assert.Empty(PolicyFlows.Matches(policy, "tcp 10.0.0.1:1 -> 10.0.0.2:443"));
    }

    [Fact]
    public void Severity_is_the_highest_matched_and_none_when_nothing_matches()
    {
        var policy = Rules("""
            {"id": "I", "title": "t", "severity": "info", "server_ports": [1]},
            {"id": "C", "title": "t", "severity": "critical", "server_ports": [1], "client_ports": [2]},
            {"id": "M", "title": "t", "severity": "medium", "server_ports": [1]}
            """);
        Assert.Equal(Severity.Critical, policy.Evaluate(PolicyFlows.Parse("tcp 10.0.0.1:2 -> 10.0.0.2:1")).Severity);
        Assert.Equal(Severity.Medium, policy.Evaluate(PolicyFlows.Parse("tcp 10.0.0.1:3 -> 10.0.0.2:1")).Severity);
        var none = policy.Evaluate(PolicyFlows.Parse("tcp 10.0.0.1:3 -> 10.0.0.2:4"));
        Assert.Equal(Severity.None, none.Severity);
        Assert.False(policy.IsSuspicious(none));
    }

    [Fact]
    public void Out_of_range_enum_values_do_not_crash()
    {
        var input = new PolicyInput((Transport)200, IpAddress.Parse("10.0.0.1"), 40000, IpAddress.Parse("10.0.0.2"), 40001,
            (AddressScope)77, (AddressScope)250, (Direction)99, null, null);
        var verdict = PortPolicy.Default.Evaluate(input);
        Assert.Equal(Severity.None, verdict.Severity);
    }

    [Fact]
    public void Compiled_tables_agree_with_a_naive_evaluator()
    {
        var sample = PortPolicy.Load(TestPaths.InRepo("samples", "policies", "example.json"));
        var policies = new[] { PortPolicy.Default, sample, RandomPolicy(new Random(7)), RandomPolicy(new Random(8)) };
        var random = new Random(42);
        var addresses = new[]
        {
            "10.0.0.1", "10.0.0.10", "10.1.2.3", "192.168.1.5", "172.16.0.9", "100.64.0.1", "127.0.0.1", "169.254.1.1",
            "8.8.8.8", "1.1.1.1", "192.0.2.7", "203.0.113.9", "224.0.0.251", "255.255.255.255", "0.0.0.0", "240.0.0.1",
            "::1", "fe80::1", "fd00::1", "2001:db8::1", "2606:4700::1111", "ff02::1",
        }.Select(IpAddress.Parse).ToArray();
        var transports = new[] { Transport.Tcp, Transport.Udp, Transport.Sctp, Transport.Icmp, Transport.IcmpV6, Transport.Unknown, (Transport)47 };
        var interesting = policies.SelectMany(p => p.Rules)
            .SelectMany(r => new[] { r.ServerPorts, r.NotServerPorts, r.ClientPorts, r.NotClientPorts })
            .Where(s => s is not null)
            .SelectMany(s => s!.Items)
            .SelectMany(Edges)
            .Distinct()
            .ToArray();
        foreach (var policy in policies)
        {
            for (int n = 0; n < 20000; n++)
            {
                var client = addresses[random.Next(addresses.Length)];
                var server = addresses[random.Next(addresses.Length)];
                ushort clientPort = Port(random, interesting);
                ushort serverPort = Port(random, interesting);
                var networks = n % 3 == 0 ? policy.InternalNetworks : NetworkSet.Empty;
                var cs = AddressScopes.Classify(client);
                var ss = AddressScopes.Classify(server);
                bool? ci = AddressScopes.IsInternal(client, cs, networks);
                bool? si = AddressScopes.IsInternal(server, ss, networks);
                var input = new PolicyInput(transports[random.Next(transports.Length)], client, clientPort, server, serverPort, cs, ss,
                    AddressScopes.DirectionOf(ci, si), ci, si);
                var expected = Naive(policy, input);
                var actual = PolicyFlows.Ids(policy, policy.Evaluate(input));
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void Evaluate_allocates_nothing()
    {
        var policy = PortPolicy.Load(TestPaths.InRepo("samples", "policies", "example.json"));
        Assert.NotEmpty(policy.Allow);
        var inputs = new[]
        {
            PolicyFlows.Parse("tcp 8.8.8.8:50123 -> 10.1.2.3:3389", policy.InternalNetworks),
            PolicyFlows.Parse("tcp 10.0.0.10:50123 -> 10.1.2.3:3389", policy.InternalNetworks),
            PolicyFlows.Parse("tcp 10.0.0.1:50123 -> 8.8.8.8:443", policy.InternalNetworks),
            PolicyFlows.Parse("udp 10.0.0.1:0 -> 8.8.8.8:0", policy.InternalNetworks),
        };
        int total = 0;
        long allocated = Allocations.Measure(() =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                total += (int)policy.Evaluate(inputs[i & 3]).Severity;
            }
        });
        Assert.Equal(0, allocated);
        Assert.True(total > 0);
    }

    private static IEnumerable<int> Edges(string item)
    {
        foreach (int p in new[] { 0, 1, 1023, 1024, 49151, 49152, 65535 })
        {
            yield return p;
        }

        foreach (string part in item.Split('-'))
        {
            if (int.TryParse(part, out int v))
            {
                yield return v;
                if (v > 0)
                {
                    yield return v - 1;
                }

                if (v < 65535)
                {
                    yield return v + 1;
                }
            }
        }

    }

    private static ushort Port(Random random, int[] interesting) =>
        random.Next(3) == 0 ? (ushort)random.Next(65536) : (ushort)interesting[random.Next(interesting.Length)];

    /// <summary>The rule semantics written out plainly, rule by rule, with no tables.</summary>
    private static string[] Naive(PortPolicy policy, PolicyInput input)
    {
        var ids = new List<string>();
        bool icmp = input.Transport is Transport.Icmp or Transport.IcmpV6;
        var transportFlag = input.Transport switch
        {
            Transport.Tcp => TransportFilter.Tcp,
            Transport.Udp => TransportFilter.Udp,
            Transport.Sctp => TransportFilter.Sctp,
            Transport.Icmp or Transport.IcmpV6 => TransportFilter.Icmp,
            _ => TransportFilter.Other,
        };
        foreach (var rule in policy.Rules)
        {
            bool ok = rule.Transports == TransportFilter.Any || (rule.Transports & transportFlag) != 0;
            ok &= !(icmp && rule.HasPortConditions && (rule.Transports & TransportFilter.Icmp) == 0);
            ok &= rule.ServerPorts is null || rule.ServerPorts.Contains(input.ServerPort);
            ok &= rule.NotServerPorts is null || !rule.NotServerPorts.Contains(input.ServerPort);
            ok &= rule.ClientPorts is null || rule.ClientPorts.Contains(input.ClientPort);
            ok &= rule.NotClientPorts is null || !rule.NotClientPorts.Contains(input.ClientPort);
            ok &= ScopeOk(rule.ClientScopes, input.ClientScope, input.ClientInternal);
            ok &= ScopeOk(rule.ServerScopes, input.ServerScope, input.ServerInternal);
            ok &= rule.Directions == DirectionFilter.Any || ((int)rule.Directions & (1 << (int)input.Direction)) != 0;
            if (!ok)
            {
                continue;
            }

            bool allowed = false;
            foreach (var entry in policy.Allow)
            {
                if (!entry.Rules.Contains("*") && !entry.Rules.Contains(rule.Id))
                {
                    continue;
                }

                bool hasPorts = entry.ClientPorts is not null || entry.ServerPorts is not null;
                bool match = entry.Transports == TransportFilter.Any || (entry.Transports & transportFlag) != 0;
                match &= !(icmp && hasPorts && (entry.Transports & TransportFilter.Icmp) == 0);
                match &= entry.ServerPorts is null || entry.ServerPorts.Contains(input.ServerPort);
                match &= entry.ClientPorts is null || entry.ClientPorts.Contains(input.ClientPort);
                match &= entry.Clients.Count == 0 || entry.Clients.Any(n => n.Contains(input.ClientAddress));
                match &= entry.Servers.Count == 0 || entry.Servers.Any(n => n.Contains(input.ServerAddress));
                allowed |= match;
            }

            if (!allowed)
            {
                ids.Add(rule.Id);
            }
        }

        return ids.ToArray();
    }

    private static bool ScopeOk(ScopeFilter filter, AddressScope scope, bool? isInternal) =>
        filter == ScopeFilter.Any
        || (filter & (ScopeFilter)(1 << (int)scope)) != 0
        || (isInternal == true && (filter & ScopeFilter.Internal) != 0)
        || (isInternal == false && (filter & ScopeFilter.External) != 0);

    /// <summary>A policy of random rules over every condition kind, with random allow entries.</summary>
    private static PortPolicy RandomPolicy(Random random)
    {
        string[] portItems = { "22", "80", "443", "3389", "0", "1-1023", "1000-2000", "1500-1600", "dynamic", "registered", "well-known", "49152", "65535", "8000-8999" };
        string[] scopes = { "internal", "external", "private", "global", "loopback", "multicast", "shared", "unknown", "link_local" };
        string[] directions = { "inbound", "outbound", "internal", "external", "unknown" };
        string[] transports = { "tcp", "udp", "sctp", "icmp", "other" };
        string Pick(string[] from, int max) =>
            "[" + string.Join(", ", from.OrderBy(_ => random.Next()).Take(random.Next(1, max + 1)).Select(s => "\"" + s + "\"")) + "]";
        var rules = new List<string>();
        for (int i = 0; i < 60; i++)
        {
            var fields = new List<string> { "\"id\": \"R" + i + "\"", "\"title\": \"t\"", "\"severity\": \"" + new[] { "info", "low", "medium", "high", "critical" }[random.Next(5)] + "\"" };
            if (random.Next(2) == 0)
            {
                fields.Add("\"server_ports\": " + Pick(portItems, 3));
            }

            if (random.Next(4) == 0)
            {
                fields.Add("\"not_server_ports\": [\"" + random.Next(0, 3000) + "\"]");
            }

            if (random.Next(3) == 0)
            {
                fields.Add("\"client_ports\": " + Pick(portItems, 2));
            }

            if (random.Next(4) == 0)
            {
                fields.Add("\"not_client_ports\": [\"dynamic\"]");
            }

            if (random.Next(3) == 0)
            {
                fields.Add("\"transport\": " + Pick(transports, 2));
            }

            if (random.Next(3) == 0)
            {
                fields.Add("\"client_scope\": " + Pick(scopes, 2));
            }

            if (random.Next(3) == 0)
            {
                fields.Add("\"server_scope\": " + Pick(scopes, 2));
            }

            if (random.Next(3) == 0 || fields.Count == 3)
            {
                fields.Add("\"direction\": " + Pick(directions, 2));
            }

            rules.Add("{" + string.Join(", ", fields) + "}");
        }

        string allow = """
            "allow": [
              {"rules": ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10"], "client": ["10.0.0.0/8", "::1"]},
              {"rules": "*", "server": "8.8.8.8", "server_ports": ["dynamic", 443]},
              {"rules": ["R20", "R21", "R22", "R23", "R24", "R25"], "transport": "udp"},
              {"rules": ["R30", "R31", "R32", "R33"], "client_ports": ["1-1023"]}
            ],
            """;
        return Rules(string.Join(",\n", rules), allow + "\"internal_networks\": [\"10.0.0.0/8\", \"8.8.8.0/24\"], ");
    }
}
