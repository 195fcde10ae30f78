using System;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Roles;
using Xunit;

namespace FlowRole.Tests.Roles;

public sealed class RoleResolverTests
{
    private static readonly Classifier Classifier = new();

    private static FlowRecord Flow(string src, ushort sp, string dst, ushort dp, Transport t = Transport.Tcp) =>
        new(IpAddress.Parse(src), sp, IpAddress.Parse(dst), dp, t);

    private static (bool Swapped, RoleBasis Basis, float Confidence) Roles(in FlowRecord record)
    {
        var r = Classifier.Classify(record);
        return (r.Swapped, r.Basis, r.Confidence);
    }

    [Theory]
    [InlineData(53210, 443, false)]
    [InlineData(443, 53210, true)]
    [InlineData(40000, 22, false)]
    [InlineData(3389, 50001, true)]
    [InlineData(1025, 445, false)]
    [InlineData(33000, 8080, false)]
    public void ServicePortIsTheServer(int sp, int dp, bool swapped)
    {
        var (s, basis, conf) = Roles(Flow("10.0.0.5", (ushort)sp, "192.168.1.100", (ushort)dp));
        Assert.Equal(swapped, s);
        Assert.Equal(RoleBasis.ServicePort, basis);
        Assert.InRange(conf, 0.6f, 1f);
    }

    [Fact]
    public void EphemeralRangesDecideBetweenUnknownPorts()
    {
        // 12345 is outside every common client range except FreeBSD's; 61000 is dynamic (Windows/macOS clients).
        var (swapped, basis, _) = Roles(Flow("10.0.0.1", 12345, "10.0.0.2", 61000));
        Assert.True(swapped);
        Assert.Equal(RoleBasis.EphemeralPort, basis);
    }

    [Fact]
    public void LowerPortIsTheLastPortRule()
    {
        var (swapped, basis, conf) = Roles(Flow("10.0.0.1", 50001, "10.0.0.2", 51000));
        Assert.True(swapped);
        Assert.Equal(RoleBasis.LowerPort, basis);
        Assert.Equal(0.51f, conf);
    }

    [Theory]
    [InlineData(TcpFlags.Syn, false, 0.99f)]
    [InlineData(TcpFlags.Syn | TcpFlags.Ece | TcpFlags.Cwr, false, 0.99f)]
    [InlineData(TcpFlags.Syn | TcpFlags.Ack, true, 0.9f)]
    public void FirstPacketFlagsOutrankPorts(TcpFlags flags, bool swapped, float confidence)
    {
        // The ports say the opposite of the flags: the wire wins.
        var record = Flow("10.0.0.1", 443, "10.0.0.2", 51000) with { FirstPacketFlags = flags, HasFirstPacketFlags = true };
        var (s, basis, conf) = Roles(record);
        Assert.Equal(swapped, s);
        Assert.Equal(RoleBasis.TcpFlags, basis);
        Assert.Equal(confidence, conf);
    }

    [Fact]
    public void CumulativeFlagsProveNothing()
    {
        var record = Flow("10.0.0.1", 51000, "10.0.0.2", 443) with
        {
            FirstPacketFlags = TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Psh | TcpFlags.Fin,
            HasFirstPacketFlags = true,
        };
        Assert.Equal(RoleBasis.ServicePort, Roles(record).Basis);
    }

    [Theory]
    [InlineData("ShADadFf", false, 0.99f)]
    [InlineData("CShAdDaFf", false, 0.99f)]
    [InlineData("DSh", false, 0.9f)]
    [InlineData("^hADadFf", false, 0.9f)]
    [InlineData("HAD", true, 0.9f)]
    [InlineData("sHAD", true, 0.99f)]
    public void ZeekHistoryDecides(string history, bool swapped, float confidence)
    {
        Assert.True(ZeekHistory.TryParse(history, out var h));
        var record = Flow("10.0.0.1", 443, "10.0.0.2", 51000) with { History = h };
        var (s, basis, conf) = Roles(record);
        Assert.Equal(swapped, s);
        Assert.Equal(RoleBasis.ZeekHistory, basis);
        Assert.Equal(confidence, conf);
    }

    [Fact]
    public void CaretAtCreationIsOnlyZeeksPortGuess()
    {
        Assert.True(ZeekHistory.TryParse("^dA", out var h));
        var record = Flow("10.0.0.1", 443, "10.0.0.2", 51000) with { History = h };
        Assert.Equal(RoleBasis.ServicePort, Roles(record).Basis);
    }

    [Fact]
    public void AnalyzerFlipOnUdpKeepsZeeksOrientation()
    {
        Assert.True(ZeekHistory.TryParse("Dd^", out var h));
        var record = Flow("192.168.1.5", 53, "192.168.1.1", 53, Transport.Udp) with { History = h };
        var (s, basis, _) = Roles(record);
        Assert.False(s);
        Assert.Equal(RoleBasis.ZeekHistory, basis);
    }

    [Theory]
    [InlineData(ConnState.S0, 0.95f)]
    [InlineData(ConnState.RSTOS0, 0.95f)]
    [InlineData(ConnState.REJ, 0.9f)]
    [InlineData(ConnState.SH, 0.9f)]
    [InlineData(ConnState.RSTRH, 0.85f)]
    [InlineData(ConnState.SHR, 0.85f)]
    public void ConnStatesThatNeedTheOriginatorsSyn(ConnState state, float confidence)
    {
        var record = Flow("10.0.0.1", 443, "10.0.0.2", 51000) with { ConnState = state };
        var (s, basis, conf) = Roles(record);
        Assert.False(s);
        Assert.Equal(RoleBasis.ZeekConnState, basis);
        Assert.Equal(confidence, conf);
    }

    [Theory]
    [InlineData(ConnState.SF)]
    [InlineData(ConnState.S1)]
    [InlineData(ConnState.OTH)]
    [InlineData(ConnState.RSTO)]
    public void MidstreamReachableStatesDoNotDecide(ConnState state)
    {
        var record = Flow("10.0.0.1", 443, "10.0.0.2", 51000) with { ConnState = state };
        Assert.Equal(RoleBasis.ServicePort, Roles(record).Basis);
    }

    [Theory]
    [InlineData(Initiator.Source, InitiatorSource.Sysmon, false, 0.95f)]
    [InlineData(Initiator.Destination, InitiatorSource.Sysmon, true, 0.95f)]
    [InlineData(Initiator.Source, InitiatorSource.Explicit, false, 0.99f)]
    [InlineData(Initiator.Destination, InitiatorSource.Firewall, true, 0.9f)]
    public void InitiatorFieldsOutrankPorts(Initiator initiator, InitiatorSource source, bool swapped, float confidence)
    {
        // 4444 inbound to a host's 50000 is odd, but the log states the initiator.
        var record = Flow("10.0.0.1", 4444, "10.0.0.2", 51000) with { Initiator = initiator, InitiatorSource = source };
        var (s, basis, conf) = Roles(record);
        Assert.Equal(swapped, s);
        Assert.Equal(RoleBasis.Initiator, basis);
        Assert.Equal(confidence, conf);
    }

    [Fact]
    public void SuricataOrientationYieldsToAClearServicePort()
    {
        var weak = Flow("10.0.0.1", 40000, "10.0.0.2", 41000) with { Initiator = Initiator.Destination, InitiatorSource = InitiatorSource.Suricata };
        Assert.Equal((true, RoleBasis.Suricata), (Roles(weak).Swapped, Roles(weak).Basis));

        var strong = Flow("10.0.0.1", 443, "10.0.0.2", 61000) with { Initiator = Initiator.Source, InitiatorSource = InitiatorSource.Suricata };
        Assert.Equal((true, RoleBasis.ServicePort), (Roles(strong).Swapped, Roles(strong).Basis));
    }

    [Fact]
    public void KnownListenersOutrankPorts()
    {
        var listeners = new ListenerSet(new[]
        {
            (IpAddress.Parse("10.0.0.2"), (ushort)51000, Transport.Tcp),
            (default(IpAddress), (ushort)40404, Transport.Tcp),
        });
        var classifier = new Classifier(new ClassifierOptions { Listeners = listeners });
        var r = classifier.Classify(Flow("10.0.0.1", 443, "10.0.0.2", 51000));
        Assert.False(r.Swapped);
        Assert.Equal(RoleBasis.Listener, r.Basis);

        var any = classifier.Classify(Flow("10.9.9.9", 40404, "10.0.0.7", 80));
        Assert.True(any.Swapped);
        Assert.Equal(RoleBasis.Listener, any.Basis);
    }

    [Theory]
    [InlineData(20, 50123, Transport.Tcp, false)]
    [InlineData(50123, 20, Transport.Tcp, true)]
    [InlineData(68, 67, Transport.Udp, false)]
    [InlineData(67, 68, Transport.Udp, true)]
    [InlineData(546, 547, Transport.Udp, false)]
    public void SpecialCases(int sp, int dp, Transport t, bool swapped)
    {
        var (s, basis, _) = Roles(Flow("10.0.0.1", (ushort)sp, "10.0.0.2", (ushort)dp, t));
        Assert.Equal(swapped, s);
        Assert.Equal(RoleBasis.SpecialCase, basis);
    }

    [Theory]
    [InlineData(8, 0, false)]
    [InlineData(0, 8, true)]
    [InlineData(13, 14, false)]
    public void IcmpRequestSenderIsTheClient(int type, int other, bool swapped)
    {
        var (s, basis, _) = Roles(Flow("10.0.0.1", (ushort)type, "10.0.0.2", (ushort)other, Transport.Icmp));
        Assert.Equal(swapped, s);
        Assert.Equal(RoleBasis.IcmpType, basis);
    }

    [Fact]
    public void IcmpOneWayTypesAreNotOrientedByType()
    {
        // Type 3 (unreachable) with code 3: both numbers belong to the sender, so they cannot orient the record.
        Assert.NotEqual(RoleBasis.IcmpType, Roles(Flow("10.0.0.1", 3, "10.0.0.2", 3, Transport.Icmp)).Basis);
    }

    [Fact]
    public void Icmpv6NeighbourSolicitation()
    {
        var (s, basis, _) = Roles(Flow("fe80::1", 135, "fe80::2", 136, Transport.IcmpV6));
        Assert.False(s);
        Assert.Equal(RoleBasis.IcmpType, basis);
    }

    [Theory]
    [InlineData("192.168.1.102", "207.46.232.182")] // internal asks external
    [InlineData("192.168.1.102", "192.168.1.1")] // the gateway's low host number serves
    [InlineData("2001:470:1f05:17a6:213:72ff:fe0d:a566", "2001:470:8398:101::1")] // EUI-64 host asks
    [InlineData("10.0.0.5", "224.0.1.1")] // a multicast group only receives
    public void SamePortTiesBreakOnAddressFactsSymmetrically(string client, string server)
    {
        var forward = Classifier.Classify(Flow(client, 123, server, 123, Transport.Udp));
        var backward = Classifier.Classify(Flow(server, 123, client, 123, Transport.Udp));
        Assert.Equal(RoleBasis.AddressHint, forward.Basis);
        Assert.Equal(client, forward.Client.Address.ToString());
        Assert.Equal(client, backward.Client.Address.ToString());
        Assert.Equal(forward.Confidence, backward.Confidence);
    }

    [Fact]
    public void OrientationInvariance_RandomFlows()
    {
        var random = new Random(1234);
        var transports = new[] { Transport.Tcp, Transport.Udp, Transport.Sctp, Transport.Icmp, Transport.Unknown };
        for (int i = 0; i < 20000; i++)
        {
            var a = IpAddress.FromIPv4((uint)random.Next());
            var b = random.Next(4) == 0 ? a : IpAddress.FromIPv4((uint)random.Next());
            ushort pa = RandomPort(random), pb = random.Next(8) == 0 ? pa : RandomPort(random);
            var t = transports[random.Next(transports.Length)];
            var record = new FlowRecord(a, pa, b, pb, t);
            var forward = Classifier.Classify(record);
            var backward = Classifier.Classify(record.Reverse());
            if (a == b && pa == pb)
            {
                continue; // both sides identical: there is nothing to orient
            }

            Assert.Equal(forward.Client, backward.Client);
            Assert.Equal(forward.Server, backward.Server);
            Assert.Equal(forward.Basis, backward.Basis);
            Assert.Equal(forward.Confidence, backward.Confidence);
            Assert.Equal(forward.Verdict.Matches, backward.Verdict.Matches);
        }
    }

    private static ushort RandomPort(Random random) => random.Next(3) switch
    {
        0 => (ushort)random.Next(0, 1024),
        1 => (ushort)random.Next(1024, 49152),
        _ => (ushort)random.Next(49152, 65536),
    };
}
