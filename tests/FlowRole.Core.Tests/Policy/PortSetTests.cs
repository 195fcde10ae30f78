using System;
using System.IO;
using System.Linq;
using FlowRole.Policy;
using Xunit;

namespace FlowRole.Tests.Policy;

/// <summary>Port sets: items, canonical text, lookups, errors; and the sample policy files.</summary>
public sealed class PortSetTests
{
    [Fact]
    public void Parses_numbers_ranges_and_named_sets()
    {
        var set = PortSet.Parse("22, 0080, 5900 - 5904, Dynamic, 7-7");
        Assert.Equal(new[] { "22", "80", "5900-5904", "dynamic", "7" }, set.Items);
        Assert.Equal(1 + 1 + 5 + 16384 + 1, set.Count);
        foreach (ushort p in new ushort[] { 7, 22, 80, 5900, 5902, 5904, 49152, 65535 })
        {
            Assert.True(set.Contains(p), p.ToString());
        }

        foreach (ushort p in new ushort[] { 0, 6, 8, 21, 23, 79, 81, 5899, 5905, 49151 })
        {
            Assert.False(set.Contains(p), p.ToString());
        }

        Assert.Equal("22, 80, 5900-5904, dynamic, 7", set.ToString());
    }

    [Theory]
    [InlineData("well-known", 0, 1023)]
    [InlineData("registered", 1024, 49151)]
    [InlineData("dynamic", 49152, 65535)]
    [InlineData("0-65535", 0, 65535)]
    public void Named_sets_are_the_iana_ranges(string item, int first, int last)
    {
        var set = PortSet.Parse(item);
        Assert.Equal(last - first + 1, set.Count);
        Assert.True(set.Contains((ushort)first));
        Assert.True(set.Contains((ushort)last));
        if (first > 0)
        {
            Assert.False(set.Contains((ushort)(first - 1)));
        }

        if (last < 65535)
        {
            Assert.False(set.Contains((ushort)(last + 1)));
        }
    }

    [Fact]
    public void Overlapping_items_merge()
    {
        var set = PortSet.Parse("10-20, 15-30, 31, 100");
        Assert.Equal(22 + 1, set.Count);
        Assert.True(set.Contains(31));
        Assert.False(set.Contains(32));
    }

    [Theory]
    [InlineData("65536", "'65536' is not a port (0-65535)")]
    [InlineData("99999999999", "'99999999999' is not a port (0-65535)")]
    [InlineData("10-5", "'10-5' is not a port range: the start is greater than the end")]
    [InlineData("1-65536", "'1-65536' is not a port range: both ends must be ports (0-65535)")]
    [InlineData("-5", "'-5' is not a port (0-65535), a range (low-high) or a named set (well-known, registered, dynamic)")]
    [InlineData("5-", "'5-' is not a port (0-65535), a range (low-high) or a named set (well-known, registered, dynamic)")]
    [InlineData("1-2-3", "'1-2-3' is not a port (0-65535), a range (low-high) or a named set (well-known, registered, dynamic)")]
    [InlineData("http", "'http' is not a port (0-65535), a range (low-high) or a named set (well-known, registered, dynamic)")]
    [InlineData("+80", "'+80' is not a port (0-65535), a range (low-high) or a named set (well-known, registered, dynamic)")]
    public void Bad_items_name_themselves(string item, string message)
    {
        var ex = Assert.Throws<FormatException>(() => PortSet.Parse(item));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Equality_is_by_canonical_items()
    {
        Assert.Equal(PortSet.Parse("22,80"), PortSet.Parse(" 22 , 080 "));
        Assert.NotEqual(PortSet.Parse("22,80"), PortSet.Parse("80,22"));
        Assert.Equal(PortSet.Parse("22,80").GetHashCode(), PortSet.Parse("22, 80").GetHashCode());
        Assert.Throws<FormatException>(() => PortSet.Create(Array.Empty<string>()));
    }

    [Theory]
    [InlineData("example.json")]
    [InlineData("minimal.json")]
    [InlineData("standalone.json")]
    public void Sample_policies_load(string file)
    {
        string path = TestPaths.InRepo("samples", "policies", file);
        Assert.Empty(PortPolicy.ValidateFile(path));
        var policy = PortPolicy.Load(path);
        Assert.NotEmpty(policy.Rules);
        Assert.Equal(policy.ToJson(), PortPolicy.Parse(policy.ToJson(), file).ToJson());
    }

    [Fact]
    public void Example_policy_does_what_its_comments_say()
    {
        var policy = PortPolicy.Load(TestPaths.InRepo("samples", "policies", "example.json"));
        var nets = policy.InternalNetworks;
        Assert.Null(policy.FindRule("FR-BOTH-PORTS-DYNAMIC"));
        Assert.Equal(Severity.High, policy.FindRule("FR-SSH-INBOUND")!.Severity);
        Assert.Empty(PolicyFlows.Matches(policy, "tcp 10.0.0.10:50000 -> 10.3.0.5:3389", nets));
        Assert.Equal(new[] { "FR-RDP-SESSION" }, PolicyFlows.Matches(policy, "tcp 10.0.0.12:50000 -> 10.3.0.5:3389", nets));
        Assert.Empty(PolicyFlows.Matches(policy, "tcp 10.0.5.25:50000 -> 8.8.8.8:25", nets));
        Assert.Empty(PolicyFlows.Matches(policy, "tcp 8.8.8.8:50000 -> 10.0.9.22:22", nets));
        Assert.Equal(new[] { "FR-SSH-INBOUND" }, PolicyFlows.Matches(policy, "tcp 8.8.8.8:50000 -> 10.0.9.23:22", nets));
        Assert.Equal(new[] { "ACME-PRINT-OUTBOUND" }, PolicyFlows.Matches(policy, "tcp 10.1.1.1:50000 -> 8.8.8.8:9100", nets));
        Assert.Empty(PolicyFlows.Matches(policy, "tcp 10.0.7.7:50000 -> 10.1.1.1:445", nets));
        Assert.Equal(new[] { "FR-CLEARTEXT-SERVICE" }, PolicyFlows.Matches(policy, "tcp 10.1.1.1:50000 -> 8.8.8.8:80", nets));
        Assert.Empty(PolicyFlows.Matches(policy, "tcp 10.1.1.1:50000 -> 10.1.1.2:80", nets));
        Assert.Equal(new[] { "ACME-MGMT-HIGH-PORT" }, PolicyFlows.Matches(policy, "tcp 8.8.8.8:50000 -> 10.1.1.2:7000", nets));
    }

    [Fact]
    public void Every_sample_policy_has_a_test()
    {
        var files = Directory.GetFiles(TestPaths.InRepo("samples", "policies"), "*.json").Select(Path.GetFileName).OrderBy(f => f);
        Assert.Equal(new[] { "example.json", "minimal.json", "standalone.json" }, files);
    }
}
