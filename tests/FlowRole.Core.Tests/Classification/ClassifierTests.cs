using System.Linq;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Policy;
using FlowRole.Roles;
using Xunit;

namespace FlowRole.Tests.Classification;

/// <summary>End-to-end scenarios from the analyst's point of view: a record in, roles, direction and findings out.</summary>
public sealed class ClassifierTests
{
    private static readonly Classifier Classifier = Classifier.Default;

    private static FlowRecord Flow(string src, ushort sp, string dst, ushort dp, Transport t = Transport.Tcp) =>
        new(IpAddress.Parse(src), sp, IpAddress.Parse(dst), dp, t);

    private static string[] RuleIds(in FlowResult result)
    {
        var rules = Classifier.Policy.Rules;
        return result.Verdict.Matches.Cast().Select(i => rules[i].Id).ToArray();
    }

    [Fact]
    public void RdpExposedToTheInternet_RequestAndReplyJudgeAlike()
    {
        var request = Classifier.Classify(Flow("198.51.7.20", 51234, "10.0.0.5", 3389));
        var reply = Classifier.Classify(Flow("10.0.0.5", 3389, "198.51.7.20", 51234));

        foreach (var r in new[] { request, reply })
        {
            Assert.Equal("198.51.7.20", r.Client.Address.ToString());
            Assert.Equal(3389, r.Server.Port);
            Assert.Equal("rdp", r.Service);
            Assert.Equal(Direction.Inbound, r.Direction);
            Assert.Equal(AddressScope.Global, r.ClientScope);
            Assert.Equal(AddressScope.Private, r.ServerScope);
            Assert.True(r.Suspicious);
            Assert.Equal(Severity.High, r.Severity);
            Assert.Contains("FR-RDP-INBOUND", RuleIds(r));
        }

        Assert.False(request.Swapped);
        Assert.True(reply.Swapped);
        Assert.Equal(RuleIds(request), RuleIds(reply));
    }

    [Fact]
    public void ClientCallingOutTo4444IsSuspicious()
    {
        var r = Classifier.Classify(Flow("192.168.1.20", 50555, "203.0.113.9", 4444));
        Assert.False(r.Swapped);
        Assert.Equal(Direction.Outbound, r.Direction);
        Assert.True(r.Suspicious);
        Assert.True(r.Severity >= Severity.Medium);
    }

    [Fact]
    public void OrdinaryHttpsAndDnsAreNotSuspicious()
    {
        var https = Classifier.Classify(Flow("192.168.1.20", 50555, "93.184.216.34", 443));
        Assert.Equal("https", https.Service);
        Assert.False(https.Suspicious);
        Assert.Equal(Severity.None, https.Severity);

        var dns = Classifier.Classify(Flow("192.168.1.1", 53, "192.168.1.20", 40000, Transport.Udp));
        Assert.True(dns.Swapped);
        Assert.Equal("dns", dns.Service);
        Assert.Equal(Direction.Internal, dns.Direction);
        Assert.False(dns.Suspicious);
    }

    [Fact]
    public void SmbLeavingTheNetwork()
    {
        var r = Classifier.Classify(Flow("10.1.2.3", 49700, "198.51.100.77", 445));
        Assert.Equal("smb", r.Service);
        Assert.Equal(Direction.Outbound, r.Direction);
        Assert.Contains("FR-SMB-OUTBOUND", RuleIds(r));
        Assert.True(r.Suspicious);
    }

    [Fact]
    public void TelnetIsCleartext()
    {
        var r = Classifier.Classify(Flow("10.1.2.3", 49700, "10.9.9.9", 23));
        Assert.Equal("telnet", r.Service);
        Assert.Contains(RuleIds(r), id => id.StartsWith("FR-CLEARTEXT", System.StringComparison.Ordinal));
    }

    [Fact]
    public void ServerOnADynamicPortIsNoted()
    {
        // The SYN proves who opened it: the "server" listens on a dynamic port.
        var record = Flow("10.1.2.3", 40001, "10.9.9.9", 61000) with { FirstPacketFlags = TcpFlags.Syn, HasFirstPacketFlags = true };
        var r = Classifier.Classify(record);
        Assert.Equal(RoleBasis.TcpFlags, r.Basis);
        Assert.Equal(61000, r.Server.Port);
        Assert.Contains("FR-SERVER-DYNAMIC-PORT", RuleIds(r));
    }

    [Fact]
    public void InternalNetworksOptionChangesDirection()
    {
        var record = Flow("203.0.113.50", 50000, "198.51.100.10", 22);
        Assert.Equal(Direction.External, Classifier.Classify(record).Direction);

        var ours = new Classifier(new ClassifierOptions { InternalNetworks = NetworkSet.Parse("198.51.100.0/24") });
        var r = ours.Classify(record);
        Assert.Equal(Direction.Inbound, r.Direction);
        Assert.Contains("FR-SSH-INBOUND", r.Verdict.Matches.Cast().Select(i => ours.Policy.Rules[i].Id));
    }

    [Fact]
    public void ClassifyAllocatesNothing()
    {
        var records = Enumerable.Range(0, 256).Select(i => Flow("10.0.0." + (i % 250), (ushort)(50000 + i), "203.0.113.9", 443)).ToArray();
        int suspicious = 0;
        long allocated = Allocations.Measure(() =>
        {
            foreach (var record in records)
            {
                suspicious += Classifier.Classify(record).Suspicious ? 1 : 0;
            }
        });
        Assert.Equal(0, allocated);
        Assert.True(suspicious >= 0);
    }

    [Fact]
    public void ExplainSaysWhoIsWhoAndWhy()
    {
        var r = Classifier.Classify(Flow("10.0.0.5", 3389, "198.51.7.20", 51234));
        var reasons = Classifier.Explain(r);
        Assert.StartsWith("198.51.7.20:51234 is the client and 10.0.0.5:3389 the server (port knowledge", reasons[0], System.StringComparison.Ordinal);
        Assert.Contains(reasons, line => line.Contains("reply or reversed record", System.StringComparison.Ordinal));
        Assert.Contains(reasons, line => line.Contains("The server port 3389/tcp lies in the registered range 1024-49151 (IANA service ms-wbt-server", System.StringComparison.Ordinal));
        Assert.Contains(reasons, line => line.Contains("The client port 51234/tcp lies in the dynamic range 49152-65535", System.StringComparison.Ordinal));
        Assert.Contains(reasons, line => line.Contains("direction inbound", System.StringComparison.Ordinal));
        Assert.Contains(reasons, line => line.StartsWith("[high] FR-RDP-INBOUND", System.StringComparison.Ordinal));
    }
}

internal static class RuleMaskExtensions
{
    public static System.Collections.Generic.IEnumerable<int> Cast(this RuleMask mask)
    {
        var list = new System.Collections.Generic.List<int>();
        foreach (int i in mask)
        {
            list.Add(i);
        }

        return list;
    }
}
