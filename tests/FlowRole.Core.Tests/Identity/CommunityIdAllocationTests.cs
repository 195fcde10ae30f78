using System;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Identity;
using Xunit;

namespace FlowRole.Tests.Identity;

public class CommunityIdAllocationTests
{
    [Fact]
    public void TryFormat_allocates_nothing()
    {
        var hasher = new CommunityId(1);
        FlowRecord[] flows =
        {
            new(IpAddress.Parse("192.168.1.52"), 54585, IpAddress.Parse("8.8.8.8"), 53, Transport.Udp),
            new(IpAddress.Parse("2001:470:e5bf:dead:4957:2174:e82c:4887"), 63943, IpAddress.Parse("2607:f8b0:400c:c03::1a"), 25, Transport.Tcp),
            new(IpAddress.Parse("fe80::1"), 135, IpAddress.Parse("fe80::2"), 0, Transport.IcmpV6),
            new(IpAddress.Parse("10.1.12.1"), 0, IpAddress.Parse("10.1.12.2"), 0, (Transport)46),
            new(IpAddress.Parse("::ffff:10.0.0.1"), 1, IpAddress.Parse("10.0.0.2"), 2, Transport.Tcp),
        };
        char[] chars = new char[CommunityId.TextLength];
        byte[] utf8 = new byte[CommunityId.TextLength];
        byte[] digest = new byte[CommunityId.DigestLength];

        void Work()
        {
            foreach (FlowRecord flow in flows)
            {
                Assert.True(hasher.TryFormat(flow, chars, out _));
                Assert.True(hasher.TryFormat(flow, utf8, out _));
                Assert.True(hasher.TryComputeDigest(flow.Source, flow.Destination, flow.Transport, digest));
                Sha1.HashData(utf8, digest);
            }
        }

        Work(); // warm up (type initialisers, tiering)

        // A real per-call allocation shows in every attempt; a one-off by the runtime or the test host does not.
        long least = long.MaxValue;
        for (int attempt = 0; attempt < 5 && least > 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 1000; round++)
            {
                Work();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }
}
