using System;
using System.Collections.Generic;
using System.Linq;
using FlowRole.Addresses;
using Xunit;

namespace FlowRole.Tests.Addresses;

public class NetworkSetTests
{
    [Fact]
    public void Empty_contains_nothing()
    {
        Assert.True(NetworkSet.Empty.IsEmpty);
        Assert.Empty(NetworkSet.Empty.Networks);
        Assert.False(NetworkSet.Empty.Contains(IpAddress.Parse("10.0.0.1")));
        Assert.False(NetworkSet.Empty.Contains(default));
        Assert.Same(NetworkSet.Empty, NetworkSet.Empty);
    }

    [Fact]
    public void Contains_checks_every_block_including_across_families()
    {
        NetworkSet set = NetworkSet.Parse("10.0.0.0/8, 192.168.0.0/16,2001:db8::/32 , fd00::/8,100.64.0.0/10");
        Assert.Equal(5, set.Networks.Count);
        Assert.False(set.IsEmpty);
        Assert.Equal(IpNetwork.Parse("2001:db8::/32"), set.Networks[2]);
        Assert.Equal("10.0.0.0/8,192.168.0.0/16,2001:db8::/32,fd00::/8,100.64.0.0/10", set.ToString());

        foreach (string inside in new[] { "10.0.0.0", "10.255.255.255", "192.168.3.4", "::ffff:192.168.3.4", "2001:db8::1", "fd12::1", "100.127.255.255" })
        {
            Assert.True(set.Contains(IpAddress.Parse(inside)), inside);
        }

        foreach (string outside in new[] { "9.255.255.255", "11.0.0.0", "192.169.0.0", "8.8.8.8", "2001:db9::", "fe80::1", "::ffff:8.8.8.8", "100.128.0.0", "::10.0.0.1" })
        {
            Assert.False(set.Contains(IpAddress.Parse(outside)), outside);
        }

        Assert.False(set.Contains(default));
    }

    [Fact]
    public void Overlapping_touching_and_whole_space_blocks_merge_correctly()
    {
        var set = new NetworkSet(new[]
        {
            IpNetwork.Parse("10.0.0.0/9"), IpNetwork.Parse("10.128.0.0/9"), // touching halves
            IpNetwork.Parse("10.1.0.0/16"),                                 // inside
            IpNetwork.Parse("ff00::/8"), IpNetwork.Parse("ffff::/16"),      // runs to the top of the space
        });
        Assert.True(set.Contains(IpAddress.Parse("10.127.255.255")));
        Assert.True(set.Contains(IpAddress.Parse("10.128.0.0")));
        Assert.True(set.Contains(IpAddress.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
        Assert.False(set.Contains(IpAddress.Parse("11.0.0.0")));
        Assert.False(set.Contains(IpAddress.Parse("feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));

        var everything = new NetworkSet(new[] { IpNetwork.Parse("::/0"), IpNetwork.Parse("10.0.0.0/8") });
        Assert.True(everything.Contains(IpAddress.Parse("::")));
        Assert.True(everything.Contains(IpAddress.Parse("1.2.3.4")));
        Assert.True(everything.Contains(IpAddress.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    }

    [Fact]
    public void Agrees_with_checking_each_block_on_random_sets()
    {
        var random = new Random(1918);
        for (int round = 0; round < 200; round++)
        {
            var blocks = new List<IpNetwork>();
            int count = random.Next(0, 40);
            for (int i = 0; i < count; i++)
            {
                blocks.Add(RandomBlock(random));
            }

            var set = new NetworkSet(blocks);
            Assert.Equal(blocks, set.Networks);
            for (int probe = 0; probe < 300; probe++)
            {
                // Probe near block edges as well as at random.
                IpAddress address = probe % 3 == 0 || blocks.Count == 0
                    ? RandomAddress(random)
                    : Nudge(random, random.Next(2) == 0 ? blocks[random.Next(blocks.Count)].BaseAddress : blocks[random.Next(blocks.Count)].LastAddress);
                bool expected = blocks.Any(b => b.Contains(address));
                Assert.True(expected == set.Contains(address), $"{address} in [{set}]");
            }
        }
    }

    [Theory]
    [InlineData("10.0.0.0/8,10.0.0.1/8", "Item 2 of the network list ('10.0.0.1/8') is not a valid CIDR block: 10.0.0.1/8 has host bits set; the block holding that address is 10.0.0.0/8.")]
    [InlineData("10.0.0.0/8,,192.168.0.0/16", "Item 2 of the network list is empty.")]
    [InlineData("10.0.0.0/8,", "Item 2 of the network list is empty.")]
    [InlineData(",10.0.0.0/8", "Item 1 of the network list is empty.")]
    [InlineData("10.0.0.0/8, 192.168.0.0/16, 300.1.1.0/24", "Item 3 of the network list ('300.1.1.0/24') is not a valid CIDR block: the IPv4 part at position 1 is greater than 255.")]
    [InlineData("10.0.0.0/8; 192.168.0.0/16", "Item 1 of the network list ('10.0.0.0/8; 192.168.0.0/16') is not a valid CIDR block: the prefix length at position 10 is not a number of 1-3 digits.")]
    [InlineData("fe80::/10,fe80::%eth0/64", "Item 2 of the network list ('fe80::%eth0/64') is not a valid CIDR block: a block cannot carry a %zone (position 7).")]
    public void TryParse_names_the_bad_item_and_its_position(string text, string expected)
    {
        Assert.False(NetworkSet.TryParse(text.AsSpan(), out NetworkSet? set, out string? error));
        Assert.Null(set);
        Assert.Equal(expected, error);
        var ex = Assert.Throws<FormatException>(() => NetworkSet.Parse(text));
        Assert.Equal(expected, ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_text_is_the_empty_set(string text)
    {
        Assert.True(NetworkSet.TryParse(text.AsSpan(), out NetworkSet? set, out string? error));
        Assert.Null(error);
        Assert.Same(NetworkSet.Empty, set);
    }

    [Fact]
    public void Constructor_rejects_null_and_default_blocks()
    {
        Assert.Throws<ArgumentNullException>(() => new NetworkSet(null!));
        var ex = Assert.Throws<ArgumentException>(() => new NetworkSet(new[] { IpNetwork.Parse("10.0.0.0/8"), default }));
        Assert.Contains("Block 2", ex.Message, StringComparison.Ordinal);
    }

    private static IpNetwork RandomBlock(Random random)
    {
        if (random.Next(2) == 0)
        {
            int prefix = random.Next(0, 33);
            uint mask = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
            return new IpNetwork(IpAddress.FromIPv4((uint)random.NextInt64() & mask), prefix);
        }
        else
        {
            int prefix = random.Next(0, 129);
            ulong hi = NextUlong(random), lo = NextUlong(random);
            if (random.Next(4) == 0)
            {
                hi = 0;
                lo = 0x0000_ffff_0000_0000UL | (uint)lo; // mapped blocks overlap the IPv4 ones
                prefix = random.Next(96, 129);
            }

            ulong hiMask = prefix == 0 ? 0 : prefix >= 64 ? ulong.MaxValue : ulong.MaxValue << (64 - prefix);
            ulong loMask = prefix <= 64 ? 0 : prefix == 128 ? ulong.MaxValue : ulong.MaxValue << (128 - prefix);
            return new IpNetwork(IpAddress.FromIPv6(hi & hiMask, lo & loMask), prefix);
        }
    }

    private static IpAddress RandomAddress(Random random) => random.Next(3) switch
    {
        0 => IpAddress.FromIPv4((uint)random.NextInt64()),
        1 => IpAddress.FromIPv6(0, 0x0000_ffff_0000_0000UL | (uint)random.NextInt64()),
        _ => IpAddress.FromIPv6(NextUlong(random), NextUlong(random)),
    };

    private static ulong NextUlong(Random random)
    {
        Span<byte> bytes = stackalloc byte[8];
        random.NextBytes(bytes);
        return BitConverter.ToUInt64(bytes);
    }

    private static IpAddress Nudge(Random random, IpAddress address)
    {
        int delta = random.Next(-1, 2);
        if (address.IsIPv4)
        {
            return IpAddress.FromIPv4((uint)((uint)address.Low + delta));
        }

        ulong lo = (ulong)((long)address.Low + delta);
        ulong hi = address.High;
        if (delta == 1 && lo == 0)
        {
            hi++;
        }
        else if (delta == -1 && lo == ulong.MaxValue)
        {
            hi--;
        }

        return random.Next(4) == 0 && hi == 0 && (lo >> 32) == 0xffff
            ? IpAddress.FromIPv4((uint)lo)
            : IpAddress.FromIPv6(hi, lo);
    }
}
