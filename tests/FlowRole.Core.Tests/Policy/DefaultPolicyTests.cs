using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using FlowRole.Policy;
using Xunit;

namespace FlowRole.Tests.Policy;

/// <summary>The embedded default policy: every rule fires where it should, stays quiet where it should not, and judges roles.</summary>
public sealed class DefaultPolicyTests
{
    /// <summary>
    /// Per rule: a role-resolved flow that fires it, one that does not, and whether the rule is bound to roles (the
    /// firing flow with client and server exchanged must not fire it).
    /// </summary>
    public static readonly TheoryData<string, string, string, bool> Cases = new()
    {
        { "FR-RDP-INBOUND", "tcp 8.8.8.8:50123 -> 10.1.2.3:3389", "tcp 10.9.9.9:50123 -> 10.1.2.3:3389", true },
        { "FR-SMB-INBOUND", "tcp 8.8.8.8:50123 -> 192.168.1.10:445", "tcp 192.168.1.9:50123 -> 192.168.1.10:445", true },
        { "FR-MSRPC-INBOUND", "tcp 8.8.8.8:50123 -> 10.1.2.3:135", "tcp 8.8.8.8:50123 -> 10.1.2.3:136", true },
        { "FR-WINRM-INBOUND", "tcp 1.1.1.1:50123 -> 172.16.5.5:5986", "tcp 172.16.9.9:50123 -> 172.16.5.5:5986", true },
        { "FR-SSH-INBOUND", "tcp 8.8.8.8:50123 -> 10.1.2.3:22", "tcp 10.1.2.3:50123 -> 8.8.8.8:22", true },
        { "FR-TELNET-INBOUND", "tcp 8.8.8.8:50123 -> 10.1.2.3:23", "tcp 10.1.2.4:50123 -> 10.1.2.3:23", true },
        { "FR-VNC-INBOUND", "tcp 8.8.8.8:50123 -> 10.1.2.3:5903", "tcp 8.8.8.8:50123 -> 10.1.2.3:5907", true },
        { "FR-DATABASE-INBOUND", "tcp 8.8.8.8:50123 -> 10.1.2.3:27018", "tcp 10.1.2.4:50123 -> 10.1.2.3:27018", true },
        { "FR-CONTAINER-API-INBOUND", "tcp 8.8.8.8:50123 -> 10.1.2.3:2375", "tcp 8.8.8.8:50123 -> 10.1.2.3:2377", true },
        { "FR-RDP-SESSION", "tcp 10.0.0.1:50123 -> 10.0.0.2:3389", "tcp 10.0.0.1:50123 -> 10.0.0.2:3390", true },
        { "FR-WINRM-SESSION", "tcp 10.0.0.1:50123 -> 10.0.0.2:5985", "tcp 10.0.0.1:50123 -> 10.0.0.2:5987", true },
        { "FR-ADWS-SESSION", "tcp 10.0.0.1:50123 -> 10.0.0.2:9389", "tcp 10.0.0.1:50123 -> 10.0.0.2:9388", true },
        { "FR-RDP-LOOPBACK", "tcp 127.0.0.1:50123 -> 127.0.0.1:3389", "tcp 10.0.0.1:50123 -> 10.0.0.2:3389", true },
        { "FR-RDP-SOURCE-TO-LOOPBACK", "tcp 127.0.0.1:3389 -> 127.0.0.1:50123", "tcp 127.0.0.1:3390 -> 127.0.0.1:50123", true },
        { "FR-RDP-SOURCE-TO-WEB", "tcp 10.0.0.5:3389 -> 8.8.8.8:443", "tcp 10.0.0.5:50123 -> 8.8.8.8:443", true },
        { "FR-SMB-OUTBOUND", "tcp 10.0.0.5:50123 -> 8.8.8.8:445", "tcp 10.0.0.5:50123 -> 10.0.0.6:445", true },
        { "FR-LDAP-OUTBOUND", "tcp 10.0.0.5:50123 -> 8.8.8.8:636", "tcp 10.0.0.5:50123 -> 10.0.0.6:636", true },
        { "FR-SMTP-OUTBOUND", "tcp 10.0.0.5:50123 -> 8.8.8.8:587", "tcp 10.0.0.5:50123 -> 10.0.0.6:587", true },
        { "FR-CLEARTEXT-SERVICE", "tcp 10.0.0.5:50123 -> 10.0.0.6:21", "tcp 10.0.0.5:50123 -> 10.0.0.6:22", true },
        { "FR-CLEARTEXT-LOGIN", "tcp 10.0.0.5:50123 -> 10.0.0.6:110", "udp 10.0.0.5:50123 -> 10.0.0.6:110", true },
        { "FR-CALLBACK-PORT-WINDOWS", "tcp 10.0.0.5:50123 -> 8.8.8.8:1443", "tcp 10.0.0.5:50123 -> 10.0.0.6:1443", true },
        { "FR-CALLBACK-PORT-LINUX", "tcp 10.0.0.5:50123 -> 8.8.8.8:2222", "tcp 10.0.0.5:50123 -> 10.0.0.6:2222", true },
        { "FR-ALT-WEB-PORT-OUTBOUND", "tcp 10.0.0.5:50123 -> 8.8.8.8:8888", "tcp 10.0.0.5:50123 -> 10.0.0.6:8888", true },
        { "FR-BACKDOOR-PORT", "tcp 10.0.0.5:50123 -> 10.0.0.6:31337", "tcp 10.0.0.5:50123 -> 10.0.0.6:31336", true },
        { "FR-TOR-PORT", "tcp 10.0.0.5:50123 -> 8.8.8.8:9001", "udp 10.0.0.5:50123 -> 8.8.8.8:9001", true },
        { "FR-IRC-OUTBOUND", "tcp 10.0.0.5:50123 -> 8.8.8.8:6667", "tcp 10.0.0.5:50123 -> 10.0.0.6:6667", true },
        { "FR-MINING-POOL-PORT", "tcp 10.0.0.5:50123 -> 8.8.8.8:3333", "tcp 10.0.0.5:50123 -> 10.0.0.6:3333", true },
        { "FR-REMOTE-ACCESS-TOOL", "tcp 10.0.0.5:50123 -> 8.8.8.8:5938", "tcp 10.0.0.5:50123 -> 10.0.0.6:5938", true },
        { "FR-WELL-KNOWN-CLIENT-PORT", "tcp 10.0.0.5:80 -> 8.8.8.8:8443", "udp 10.0.0.5:123 -> 8.8.8.8:123", true },
        { "FR-SERVER-DYNAMIC-PORT", "tcp 10.0.0.5:40000 -> 10.0.0.6:50000", "tcp 10.0.0.5:50001 -> 10.0.0.6:50000", true },
        { "FR-BOTH-PORTS-DYNAMIC", "udp 10.0.0.5:50001 -> 10.0.0.6:50000", "udp 10.0.0.5:40000 -> 10.0.0.6:50000", false },
        { "FR-PORT-ZERO-SERVER", "tcp 10.0.0.5:50123 -> 10.0.0.6:0", "icmp 10.0.0.5:8 -> 10.0.0.6:0", true },
        { "FR-PORT-ZERO-CLIENT", "udp 10.0.0.5:0 -> 10.0.0.6:53", "udp 10.0.0.5:1 -> 10.0.0.6:53", true },
    };

    private static PortPolicy Policy => PortPolicy.Default;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_fires_on_its_flow(string id, string fires, string quiet, bool roleBound)
    {
        _ = quiet;
        _ = roleBound;
        Assert.Contains(id, PolicyFlows.Matches(Policy, fires));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_stays_quiet_on_the_near_miss(string id, string fires, string quiet, bool roleBound)
    {
        _ = fires;
        _ = roleBound;
        Assert.DoesNotContain(id, PolicyFlows.Matches(Policy, quiet));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_is_defined_on_roles(string id, string fires, string quiet, bool roleBound)
    {
        _ = quiet;
        var exchanged = PolicyFlows.Parse(fires).Exchanged();
        var ids = PolicyFlows.Ids(Policy, Policy.Evaluate(exchanged));
        if (roleBound)
        {
            Assert.DoesNotContain(id, ids);
        }
        else
        {
            Assert.Contains(id, ids);
        }
    }

    [Fact]
    public void Every_default_rule_has_a_case()
    {
        var covered = Cases.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var rules = Policy.Rules.Select(r => r.Id).ToList();
        AssertNone(rules.Where(id => !covered.Contains(id)));
        AssertNone(covered.Where(id => !rules.Contains(id)));
    }

    [Fact]
    public void Default_is_valid_and_within_bounds()
    {
        Assert.InRange(Policy.Rules.Count, 30, RuleMask.Capacity);
        Assert.Equal(Severity.Medium, Policy.Threshold);
        Assert.True(Policy.InternalNetworks.IsEmpty);
        Assert.Empty(Policy.Allow);
        foreach (var rule in Policy.Rules)
        {
            Assert.StartsWith("FR-", rule.Id, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(rule.Description), rule.Id + " has no description");
            Assert.True(rule.HasConditions);
        }
    }

    [Fact]
    public void Embedded_file_is_the_canonical_rendering()
    {
        // The shipped JSON must be exactly what ToJson renders, so `flowrole policy show` and the source agree.
        string file = File.ReadAllText(TestPaths.InRepo("src", "FlowRole.Core", "Policy", "Data", "default-policy.json"));
        Assert.Equal(file, Policy.ToJson());
    }

    [Fact]
    public void Default_round_trips_through_the_renderer()
    {
        string json = Policy.ToJson();
        var reparsed = PortPolicy.Parse(json, "rendered.json");
        Assert.Equal(json, reparsed.ToJson());
        Assert.Equal(Policy.Rules.Select(r => r.Id), reparsed.Rules.Select(r => r.Id));
    }

    [Fact]
    public void Severity_is_the_highest_match()
    {
        // Internet to internal RDP: FR-RDP-INBOUND (high) and FR-RDP-SESSION (low).
        var verdict = Policy.Evaluate(PolicyFlows.Parse("tcp 8.8.8.8:50123 -> 10.1.2.3:3389"));
        Assert.Equal(new[] { "FR-RDP-INBOUND", "FR-RDP-SESSION" }, PolicyFlows.Ids(Policy, verdict));
        Assert.Equal(Severity.High, verdict.Severity);
        Assert.True(Policy.IsSuspicious(verdict));

        var rdpInside = Policy.Evaluate(PolicyFlows.Parse("tcp 10.0.0.1:50123 -> 10.1.2.3:3389"));
        Assert.Equal(Severity.Low, rdpInside.Severity);
        Assert.False(Policy.IsSuspicious(rdpInside));
    }

    [Theory]
    [InlineData("tcp 10.0.0.5:50123 -> 8.8.8.8:443")]
    [InlineData("udp 10.0.0.5:50123 -> 8.8.8.8:53")]
    [InlineData("udp 10.0.0.5:123 -> 8.8.8.8:123")]
    [InlineData("udp 10.0.0.5:68 -> 255.255.255.255:67")]
    [InlineData("tcp 10.0.0.5:50123 -> 10.0.0.6:445")]
    [InlineData("tcp 10.0.0.5:50123 -> 10.0.0.6:88")]
    [InlineData("tcp [2001:db8::5]:50123 -> [2606:4700::1111]:443")]
    [InlineData("icmp 10.0.0.5:8 -> 8.8.8.8:0")]
    [InlineData("icmp6 [fe80::1]:135 -> [ff02::1:ff00:1]:136")]
    public void Everyday_traffic_is_not_flagged(string flow)
    {
        AssertNone(PolicyFlows.Matches(Policy, flow));
    }

    [Fact]
    public void Flow_decidable_sigma_rules_are_all_implemented()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(TestPaths.InShared("knowledge", "sigma_port_rules.json")));
        var decidable = doc.RootElement.GetProperty("network_port_rules").EnumerateArray()
            .Where(r => r.GetProperty("flow_evaluability").GetString()!.StartsWith("flow", StringComparison.Ordinal))
            .Select(r => "sigma:" + r.GetProperty("id").GetString())
            .ToList();
        Assert.Equal(9, decidable.Count);
        var cited = CitedSources();
        AssertNone(decidable.Where(id => !cited.Contains(id)));
    }

    [Fact]
    public void Flow_decidable_splunk_detections_are_the_ones_implemented()
    {
        // Splunk's data has no evaluability column; these five test ports and address ranges only (docs/policy.md
        // says why each of the other thirty is not decidable from one flow).
        var expected = new[]
        {
            "splunk:272b8407-842d-4b3d-bead-a704584003d3",
            "splunk:68a0056c-34cb-455f-b03d-df935ea62c4f",
            "splunk:1bed7774-304a-4e8f-9d72-d80e45ff492b",
            "splunk:5e06e262-d7cd-4216-b2f8-27b437e18458",
            "splunk:6923cd64-17a0-453c-b945-81ac2d8c6db9",
        };
        var cited = CitedSources().Where(s => s.StartsWith("splunk:", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(expected.OrderBy(x => x), cited.OrderBy(x => x));
    }

    [Fact]
    public void Every_cited_source_exists_in_the_knowledge_files()
    {
        var known = KnowledgeIds();
        AssertNone(CitedSources().Where(id => !known.ContainsKey(id)));
    }

    [Fact]
    public void Every_technique_is_a_valid_attack_id()
    {
        foreach (var rule in Policy.Rules)
        {
            foreach (string t in rule.AttackTechniques)
            {
                Assert.Matches(@"^T\d{4}(\.\d{3})?$", t);
            }
        }
    }

    [Fact]
    public void Titles_are_our_own_words()
    {
        var theirs = KnowledgeIds().Values.Select(t => t.ToUpperInvariant()).ToHashSet();
        foreach (var rule in Policy.Rules)
        {
            Assert.DoesNotContain(rule.Title.ToUpperInvariant(), theirs);
        }
    }

    [Fact]
    public void Docs_account_for_every_knowledge_rule_and_every_default_rule()
    {
        string docs = File.ReadAllText(TestPaths.InRepo("docs", "policy.md"));
        AssertNone(KnowledgeIds().Keys.Select(k => k.Substring(k.IndexOf(':') + 1)).Where(id => !docs.Contains(id, StringComparison.Ordinal)));
        AssertNone(Policy.Rules.Select(r => r.Id).Where(id => !docs.Contains("`" + id + "`", StringComparison.Ordinal)));
    }

    /// <summary>Fails listing the items when there are any (xunit's Assert.Empty hides what was found).</summary>
    internal static void AssertNone(IEnumerable<string> found)
    {
        var list = found.ToList();
        Assert.True(list.Count == 0, "unexpected: " + string.Join(", ", list));
    }

    internal static HashSet<string> CitedSources() =>
        Policy.Rules.SelectMany(r => r.Sources).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every Sigma (main and secondary) and Splunk rule in the knowledge files: prefixed id to title.</summary>
    internal static Dictionary<string, string> KnowledgeIds()
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var sigma = JsonDocument.Parse(File.ReadAllBytes(TestPaths.InShared("knowledge", "sigma_port_rules.json"))))
        {
            foreach (string list in new[] { "network_port_rules", "secondary_rules" })
            {
                foreach (var r in sigma.RootElement.GetProperty(list).EnumerateArray())
                {
                    ids["sigma:" + r.GetProperty("id").GetString()] = r.GetProperty("title").GetString()!;
                }
            }
        }

        using (var splunk = JsonDocument.Parse(File.ReadAllBytes(TestPaths.InShared("knowledge", "splunk_port_detections.json"))))
        {
            foreach (var r in splunk.RootElement.GetProperty("detections").EnumerateArray())
            {
                ids["splunk:" + r.GetProperty("id").GetString()] = r.GetProperty("name").GetString()!;
            }
        }

        Assert.Equal(33 + 8 + 35, ids.Count);
        return ids;
    }
}
