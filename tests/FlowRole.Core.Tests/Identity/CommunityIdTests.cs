using System;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Identity;
using Xunit;

namespace FlowRole.Tests.Identity;

public class CommunityIdTests
{
    private static readonly CommunityId Hasher = new();

    private static FlowRecord Flow(string source, ushort sourcePort, string destination, ushort destinationPort, Transport transport) =>
        new(IpAddress.Parse(source), sourcePort, IpAddress.Parse(destination), destinationPort, transport);

    [Fact]
    public void Seed_is_kept_and_changes_the_id()
    {
        Assert.Equal(0, Hasher.Seed);
        Assert.Equal(7, new CommunityId(7).Seed);
        FlowRecord flow = Flow("10.0.0.1", 51000, "10.0.0.2", 443, Transport.Tcp);
        Assert.NotEqual(Hasher.Compute(flow), new CommunityId(7).Compute(flow));
    }

    [Theory]
    [InlineData("10.0.0.1", 51000, "10.0.0.2", 443, Transport.Tcp)]
    [InlineData("10.0.0.2", 443, "10.0.0.1", 51000, Transport.Udp)]
    [InlineData("2001:db8::1", 5000, "2001:db8::1", 4000, Transport.Sctp)] // same address: the port orders
    [InlineData("192.168.0.89", 8, "192.168.0.1", 0, Transport.Icmp)]      // echo request
    [InlineData("fe80::1", 128, "fe80::2", 0, Transport.IcmpV6)]
    [InlineData("10.1.12.1", 0, "10.1.12.2", 0, (Transport)46)]            // RSVP: no ports
    [InlineData("10.1.12.1", 1, "10.1.12.1", 2, (Transport)47)]
    public void Both_orientations_give_the_same_id(string a, ushort ap, string b, ushort bp, Transport transport)
    {
        FlowRecord forward = Flow(a, ap, b, bp, transport);
        FlowRecord reverse = forward.Reverse();
        if (transport is Transport.Icmp or Transport.IcmpV6)
        {
            // An ICMP reply is a different message: echo reply (0 / 129) from the other side.
            reverse = Flow(b, (ushort)(transport == Transport.Icmp ? 0 : 129), a, 0, transport);
        }

        Assert.Equal(Hasher.Compute(forward), Hasher.Compute(reverse));
        Assert.Equal(CommunityId.TextLength, Hasher.Compute(forward).Length);
        Assert.StartsWith("1:", Hasher.Compute(forward), StringComparison.Ordinal);
    }

    [Fact]
    public void One_way_icmp_keeps_its_direction()
    {
        // Time exceeded (11) sent each way are two different messages, so two IDs.
        FlowRecord there = Flow("10.0.0.1", 11, "10.0.0.2", 0, Transport.Icmp);
        FlowRecord back = Flow("10.0.0.2", 11, "10.0.0.1", 0, Transport.Icmp);
        Assert.NotEqual(Hasher.Compute(there), Hasher.Compute(back));

        // For paired types the code is ignored; for one-way types it counts.
        Assert.Equal(Hasher.Compute(Flow("10.0.0.1", 8, "10.0.0.2", 0, Transport.Icmp)), Hasher.Compute(Flow("10.0.0.1", 8, "10.0.0.2", 5, Transport.Icmp)));
        Assert.NotEqual(Hasher.Compute(Flow("10.0.0.1", 3, "10.0.0.2", 1, Transport.Icmp)), Hasher.Compute(Flow("10.0.0.1", 3, "10.0.0.2", 3, Transport.Icmp)));

        // ICMPv6 uses its own pairs: 8 is not an ICMPv6 echo, 128 is not an ICMPv4 one.
        Assert.NotEqual(Hasher.Compute(Flow("fe80::1", 128, "fe80::2", 0, Transport.IcmpV6)), Hasher.Compute(Flow("fe80::2", 128, "fe80::1", 0, Transport.IcmpV6)));
        Assert.Equal(Hasher.Compute(Flow("fe80::1", 128, "fe80::2", 0, Transport.IcmpV6)), Hasher.Compute(Flow("fe80::2", 129, "fe80::1", 0, Transport.IcmpV6)));
        Assert.NotEqual(Hasher.Compute(Flow("10.0.0.1", 128, "10.0.0.2", 0, Transport.Icmp)), Hasher.Compute(Flow("10.0.0.2", 129, "10.0.0.1", 0, Transport.Icmp)));
    }

    [Fact]
    public void Ports_are_ignored_for_portless_protocols()
    {
        Assert.Equal(Hasher.Compute(Flow("10.1.12.1", 0, "10.1.12.2", 0, (Transport)46)), Hasher.Compute(Flow("10.1.12.1", 9, "10.1.12.2", 99, (Transport)46)));
        Assert.NotEqual(Hasher.Compute(Flow("10.1.12.1", 0, "10.1.12.2", 0, Transport.Tcp)), Hasher.Compute(Flow("10.1.12.1", 9, "10.1.12.2", 99, Transport.Tcp)));
    }

    [Fact]
    public void Ipv4_mapped_addresses_hash_as_ipv4()
    {
        string v4 = Hasher.Compute(Flow("192.168.1.52", 54585, "8.8.8.8", 53, Transport.Udp));
        Assert.Equal("1:d/FP5EW3wiY1vCndhwleRRKHowQ=", v4); // baseline_deflt.json record 19
        Assert.Equal(v4, Hasher.Compute(Flow("::ffff:192.168.1.52", 54585, "::ffff:8.8.8.8", 53, Transport.Udp)));
        Assert.Equal(v4, Hasher.Compute(Flow("::ffff:192.168.1.52", 54585, "8.8.8.8", 53, Transport.Udp)));
        Assert.Equal(v4, Hasher.Compute(Flow("8.8.8.8", 53, "::ffff:192.168.1.52", 54585, Transport.Udp)));

        // Beside a real IPv6 address a mapped address stays IPv6 (16 bytes).
        Assert.True(CommunityId.CanCompute(Flow("::ffff:192.168.1.52", 1, "2001:db8::1", 2, Transport.Udp)));
    }

    [Fact]
    public void Zones_do_not_change_the_id()
    {
        Assert.Equal(Hasher.Compute(Flow("fe80::1%2", 546, "ff02::1:2", 547, Transport.Udp)), Hasher.Compute(Flow("fe80::1", 546, "ff02::1:2", 547, Transport.Udp)));
    }

    [Theory]
    [InlineData("10.0.0.1", "2001:db8::1", Transport.Tcp)]   // families differ
    [InlineData("10.0.0.1", "10.0.0.2", Transport.Unknown)]  // no transport
    public void Unhashable_flows_have_an_empty_id(string a, string b, Transport transport)
    {
        FlowRecord flow = Flow(a, 1, b, 2, transport);
        Assert.False(CommunityId.CanCompute(flow));
        Assert.Equal(string.Empty, Hasher.Compute(flow));

        // Success with nothing written (not "destination too short"), even into an empty destination.
        Span<char> chars = stackalloc char[CommunityId.TextLength];
        Assert.True(Hasher.TryFormat(flow, chars, out int n));
        Assert.Equal(0, n);
        Assert.True(Hasher.TryFormat(flow, Span<char>.Empty, out n));
        Assert.Equal(0, n);
        Span<byte> utf8 = stackalloc byte[CommunityId.TextLength];
        Assert.True(Hasher.TryFormat(flow, utf8, out n));
        Assert.Equal(0, n);
        Assert.True(Hasher.TryFormat(flow.Source, flow.Destination, flow.Transport, utf8, out n));
        Assert.Equal(0, n);
        Assert.False(Hasher.TryComputeDigest(flow.Source, flow.Destination, flow.Transport, new byte[20]));
    }

    [Fact]
    public void Missing_addresses_are_unhashable()
    {
        var flow = new FlowRecord(default, 1, IpAddress.Parse("10.0.0.1"), 2, Transport.Tcp);
        Assert.False(CommunityId.CanCompute(flow));
        Assert.Equal(string.Empty, Hasher.Compute(flow));
        Assert.False(CommunityId.CanCompute(default(FlowRecord)));
        Assert.Equal(string.Empty, Hasher.Compute(default(FlowRecord)));
    }

    [Fact]
    public void Short_destinations_are_refused()
    {
        FlowRecord flow = Flow("10.0.0.1", 1, "10.0.0.2", 2, Transport.Tcp);
        Span<char> chars = stackalloc char[CommunityId.TextLength];
        chars.Fill('#');
        Assert.False(Hasher.TryFormat(flow, chars.Slice(0, CommunityId.TextLength - 1), out int n));
        Assert.Equal(0, n);
        Assert.Equal(new string('#', CommunityId.TextLength), chars.ToString());
        Assert.False(Hasher.TryFormat(flow, new byte[29], out n));
        Assert.False(Hasher.TryComputeDigest(flow.Source, flow.Destination, flow.Transport, new byte[19]));
    }

    [Fact]
    public void Hashes_a_resolved_client_server_pair_like_the_record()
    {
        FlowRecord reply = Flow("66.35.250.204", 80, "128.232.110.120", 34855, Transport.Tcp);
        var client = new Endpoint(IpAddress.Parse("128.232.110.120"), 34855);
        var server = new Endpoint(IpAddress.Parse("66.35.250.204"), 80);
        Assert.Equal("1:LQU9qZlK+B5F3KDmev6m5PMibrg=", Hasher.Compute(client, server, Transport.Tcp));
        Assert.Equal(Hasher.Compute(reply), Hasher.Compute(client, server, Transport.Tcp));
    }
}
