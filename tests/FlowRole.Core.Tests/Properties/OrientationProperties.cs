using System;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Identity;
using FlowRole.Roles;
using Xunit;

namespace FlowRole.Tests.Properties;

/// <summary>
/// Orientation invariance: a record and its reverse (source and destination swapped, evidence re-expressed, nothing
/// orientation-bound) name the same client and server, basis, confidence, service, direction, findings and Community
/// ID, over IPv4, IPv6 and mapped addresses, every port class, ties and Zeek/initiator evidence; and classification is
/// deterministic.
/// </summary>
public sealed class OrientationProperties
{
    private static readonly Classifier Default = Classifier.Default;

    [Fact]
    public void RecordAndReverseClassifyAlike() =>
        Property.ForAll(seed: 20261122, count: 30_000, FlowGen.Flow, record => SameBothWays(Default, record), FlowGen.Shrink, FlowGen.Show);

    [Fact]
    public void RecordAndReverseClassifyAlikeWithInternalNetworksAndListeners()
    {
        var classifier = new Classifier(new ClassifierOptions
        {
            InternalNetworks = NetworkSet.Parse("10.0.0.0/8, 2001:db8::/32, 192.0.2.0/24"),
            Listeners = new ListenerSet(
            [
                (IpAddress.Parse("10.1.2.3"), 8443, Transport.Tcp),
                (default, 5000, Transport.Udp),
                (IpAddress.Parse("2001:db8::5"), 2222, Transport.Tcp),
            ]),
            CommunityIdSeed = 7,
        });
        Property.ForAll(seed: 77, count: 10_000, random =>
        {
            FlowRecord record = FlowGen.Flow(random);

            // Land on the listeners often enough to matter.
            return random.Next(4) switch
            {
                0 => record with { Destination = new Endpoint(IpAddress.Parse("10.1.2.3"), 8443), Transport = Transport.Tcp },
                1 => record with { Source = new Endpoint(record.Source.Address, 5000), Transport = Transport.Udp },
                _ => record,
            };
        }, record => SameBothWays(classifier, record), FlowGen.Shrink, FlowGen.Show);
    }

    [Fact]
    public void TiesBreakDeterministicallyAndSymmetrically() =>
        Property.ForAll(seed: 5, count: 10_000, random =>
        {
            // Same port on both sides: NTP, IKE, NetBIOS, DNS between servers, or anything.
            FlowRecord record = FlowGen.Flow(random);
            return record with { Destination = new Endpoint(record.Destination.Address, record.Source.Port) };
        }, record =>
        {
            if (record.Source.Address == record.Destination.Address)
            {
                return; // both sides identical: nothing to orient
            }

            FlowResult first = Default.Classify(record);
            FlowResult again = Default.Classify(record);
            Assert.Equal(first.Client, again.Client);
            Assert.Equal(first.Basis, again.Basis);
            SameBothWays(Default, record);
        }, FlowGen.Shrink, FlowGen.Show);

    [Fact]
    public void CommunityIdIsTheSameForBothOrientationsAndEverySeed() =>
        Property.ForAll(seed: 99, count: 20_000, random => (Flow: FlowGen.Flow(random), Seed: (ushort)random.Next(65536)), c =>
        {
            var hasher = new CommunityId(c.Seed);
            if (IsIcmp(c.Flow.Transport))
            {
                return;
            }

            if (!CommunityId.CanCompute(c.Flow))
            {
                Assert.False(CommunityId.CanCompute(c.Flow.Reverse()));
                return;
            }

            string forward = hasher.Compute(c.Flow);
            Assert.Equal(forward, hasher.Compute(c.Flow.Reverse()));
            Assert.StartsWith("1:", forward, StringComparison.Ordinal);
            Assert.Equal(CommunityId.TextLength, forward.Length);
        }, show: c => FlowGen.Show(c.Flow) + " seed " + c.Seed);

    private static void SameBothWays(Classifier classifier, FlowRecord record)
    {
        if (record.Source == record.Destination)
        {
            return; // both sides identical: there is nothing to orient
        }

        FlowResult forward = classifier.Classify(record);
        FlowResult backward = classifier.Classify(record.Reverse());
        Assert.Equal(forward.Client, backward.Client);
        Assert.Equal(forward.Server, backward.Server);
        Assert.Equal(forward.Basis, backward.Basis);
        Assert.Equal(forward.Confidence, backward.Confidence);
        Assert.Equal(forward.Service, backward.Service);
        Assert.Equal(forward.Direction, backward.Direction);
        Assert.Equal(forward.ClientScope, backward.ClientScope);
        Assert.Equal(forward.ServerScope, backward.ServerScope);
        Assert.Equal(forward.Verdict.Matches, backward.Verdict.Matches);
        Assert.Equal(forward.Severity, backward.Severity);
        Assert.Equal(forward.Suspicious, backward.Suspicious);
        Assert.NotEqual(forward.Swapped, backward.Swapped);
        if (!IsIcmp(record.Transport))
        {
            Assert.Equal(classifier.CommunityId.Compute(record), classifier.CommunityId.Compute(record.Reverse()));
        }
    }

    // ICMP "ports" are the message type and code: swapping them is another message, not the same flow seen from the
    // other side, so the Community ID spec makes only request/reply type pairs symmetric (the vector tests cover those).
    private static bool IsIcmp(Transport transport) => transport is Transport.Icmp or Transport.IcmpV6;
}
