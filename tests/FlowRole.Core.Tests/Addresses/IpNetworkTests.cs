using System;
using System.Text;
using FlowRole.Addresses;
using Xunit;

namespace FlowRole.Tests.Addresses;

public class IpNetworkTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0", 8)]
    [InlineData("0.0.0.0/0", "0.0.0.0", 0)]
    [InlineData("192.168.1.7/32", "192.168.1.7", 32)]
    [InlineData("192.168.1.7", "192.168.1.7", 32)]
    [InlineData("2001:db8::/32", "2001:db8::", 32)]
    [InlineData("2001:DB8:0::/32", "2001:db8::", 32)]
    [InlineData("::/0", "::", 0)]
    [InlineData("::1", "::1", 128)]
    [InlineData("fe80::/10", "fe80::", 10)]
    [InlineData("::ffff:10.0.0.0/104", "::ffff:10.0.0.0", 104)]
    [InlineData("[2001:db8::]/48", "2001:db8::", 48)]
    [InlineData("10.0.0.0/08", "10.0.0.0", 8)]
    public void Parses_blocks(string text, string baseAddress, int prefix)
    {
        Assert.True(IpNetwork.TryParse(text.AsSpan(), out IpNetwork network));
        Assert.Equal(IpAddress.Parse(baseAddress), network.BaseAddress);
        Assert.Equal(prefix, network.PrefixLength);
        Assert.True(IpNetwork.TryParse(Encoding.UTF8.GetBytes(text), out IpNetwork utf8));
        Assert.Equal(network, utf8);
        Assert.Equal(network, IpNetwork.Parse(text));
        Assert.Equal(network, IpNetwork.Parse(network.ToString()));
        Assert.Equal(baseAddress + "/" + prefix, network.ToString());
    }

    [Theory]
    [InlineData("10.0.0.1/8", "10.0.0.1/8 has host bits set; the block holding that address is 10.0.0.0/8")]
    [InlineData("192.168.1.1/24", "the block holding that address is 192.168.1.0/24")]
    [InlineData("2001:db8::1/32", "the block holding that address is 2001:db8::/32")]
    [InlineData("0.0.0.1/0", "the block holding that address is 0.0.0.0/0")]
    [InlineData("10.0.0.0/33", "the prefix length at position 10 is greater than 32")]
    [InlineData("::/129", "the prefix length at position 4 is greater than 128")]
    [InlineData("10.0.0.0/", "no prefix length after '/'")]
    [InlineData("10.0.0.0/-1", "the prefix length at position 10 is not a number")]
    [InlineData("10.0.0.0/+8", "is not a number")]
    [InlineData("10.0.0.0/ 8", "is not a number")]
    [InlineData("10.0.0.0/8 ", "is not a number")]
    [InlineData("10.0.0.0/0008", "is not a number of 1-3 digits")]
    [InlineData("10.0.0.0/8/8", "is not a number")]
    [InlineData("10.0.0.0/255.0.0.0", "is not a number")]
    [InlineData("10.0.0/8", "an IPv4 address needs 4 dot-separated parts")]
    [InlineData("/8", "it is empty")]
    [InlineData("", "it is empty")]
    [InlineData("fe80::%eth0/64", "a block cannot carry a %zone (position 7)")]
    [InlineData("fe80::%2", "a block cannot carry a %zone")]
    [InlineData("300.0.0.0/8", "greater than 255")]
    public void Rejects_bad_blocks_naming_the_problem(string text, string reason)
    {
        Assert.False(IpNetwork.TryParse(text.AsSpan(), out IpNetwork network));
        Assert.Equal(default, network);
        Assert.False(IpNetwork.TryParse(Encoding.UTF8.GetBytes(text), out _));
        Assert.False(IpNetwork.TryParse(text.AsSpan(), out _, out string? error));
        Assert.StartsWith("'" + text + "' is not a valid CIDR block: ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => IpNetwork.Parse(text));
        Assert.Equal(error, ex.Message);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0", true)]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("10.0.0.0/8", "9.255.255.255", false)]
    [InlineData("172.16.0.0/12", "172.31.255.255", true)]
    [InlineData("172.16.0.0/12", "172.32.0.0", false)]
    [InlineData("0.0.0.0/0", "255.255.255.255", true)]
    [InlineData("0.0.0.0/0", "::ffff:1.2.3.4", true)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]
    [InlineData("192.0.2.1/32", "192.0.2.1", true)]
    [InlineData("192.0.2.1/32", "192.0.2.2", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]   // mapped matches IPv4 blocks
    [InlineData("10.0.0.0/8", "::10.1.2.3", false)]       // IPv4-compatible is not mapped
    [InlineData("::ffff:10.0.0.0/104", "10.1.2.3", true)] // and mapped blocks match IPv4
    [InlineData("::ffff:10.0.0.0/104", "11.1.2.3", false)]
    [InlineData("::/0", "10.1.2.3", true)]
    [InlineData("::/0", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8::/32", "2001:db9::", false)]
    [InlineData("2001:db8::/32", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", false)]
    [InlineData("2001:db8::/64", "2001:db8::ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8::/64", "2001:db8:0:1::", false)]
    [InlineData("2001:db8::/65", "2001:db8::7fff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8::/65", "2001:db8::8000:0:0:0", false)]
    [InlineData("2001:db8::/63", "2001:db8:0:1:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8::/63", "2001:db8:0:2::", false)]
    [InlineData("fe80::/10", "fe80::1%eth0", true)]
    [InlineData("fe80::/10", "fe80::1%7", true)]
    [InlineData("fe80::/10", "fec0::1", false)]
    [InlineData("::1/128", "::1", true)]
    [InlineData("::1/128", "::2", false)]
    public void Contains(string block, string address, bool expected)
    {
        Assert.Equal(expected, IpNetwork.Parse(block).Contains(IpAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("192.168.100.0/24")]
    [InlineData("2001:db8::/128")]
    [InlineData("::/0")]
    public void TryFormat_needs_exactly_the_text_length(string text)
    {
        IpNetwork network = IpNetwork.Parse(text);
        Span<char> buffer = stackalloc char[64];
        Assert.False(network.TryFormat(buffer.Slice(0, text.Length - 1), out int n));
        Assert.Equal(0, n);
        Assert.True(network.TryFormat(buffer.Slice(0, text.Length), out n));
        Assert.Equal(text, buffer.Slice(0, n).ToString());
    }

    [Fact]
    public void Contains_nothing_for_no_address_or_default()
    {
        Assert.False(IpNetwork.Parse("0.0.0.0/0").Contains(default));
        Assert.False(IpNetwork.Parse("::/0").Contains(default));
        Assert.False(default(IpNetwork).Contains(IpAddress.Parse("1.2.3.4")));
        Assert.Equal(string.Empty, default(IpNetwork).ToString());
    }

    [Fact]
    public void Every_prefix_length_splits_at_the_right_bit()
    {
        for (int p = 0; p <= 128; p++)
        {
            var block = new IpNetwork(IpAddress.FromIPv6(0, 0), p);
            Assert.Equal(IpAddress.FromIPv6(0, 0), block.BaseAddress);

            // The last address inside has every host bit set; the first outside sets the lowest network bit.
            IpAddress last = block.LastAddress;
            Assert.True(block.Contains(last));
            Assert.Equal(p == 0 ? ulong.MaxValue : p >= 64 ? 0 : ulong.MaxValue >> p, last.High);
            Assert.Equal(p <= 64 ? ulong.MaxValue : p == 128 ? 0 : ulong.MaxValue >> (p - 64), last.Low);
            if (p > 0)
            {
                int bit = 128 - p;
                IpAddress outside = bit >= 64 ? IpAddress.FromIPv6(1UL << (bit - 64), 0) : IpAddress.FromIPv6(0, 1UL << bit);
                Assert.False(block.Contains(outside), "/" + p);
            }
        }

        for (int p = 0; p <= 32; p++)
        {
            var block = new IpNetwork(IpAddress.FromIPv4(0), p);
            uint last = p == 32 ? 0 : uint.MaxValue >> p; // (shifts are mod 32)
            Assert.Equal(IpAddress.FromIPv4(last), block.LastAddress);
            Assert.True(block.Contains(IpAddress.FromIPv4(last)));
            if (p > 0)
            {
                Assert.False(block.Contains(IpAddress.FromIPv4(1u << (32 - p))), "/" + p);
            }
        }
    }

    [Fact]
    public void Constructor_validates_and_drops_the_zone()
    {
        Assert.Throws<ArgumentException>(() => new IpNetwork(default, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpNetwork(IpAddress.Parse("10.0.0.0"), 33));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpNetwork(IpAddress.Parse("::"), -1));
        var ex = Assert.Throws<ArgumentException>(() => new IpNetwork(IpAddress.Parse("10.0.0.1"), 8));
        Assert.Contains("10.0.0.0/8", ex.Message, StringComparison.Ordinal);

        var zoned = new IpNetwork(IpAddress.Parse("fe80::%4"), 64);
        Assert.Equal(0u, zoned.BaseAddress.ScopeId);
        Assert.Equal(IpNetwork.Parse("fe80::/64"), zoned);
    }

    [Fact]
    public void Equality_uses_family_base_and_prefix()
    {
        Assert.Equal(IpNetwork.Parse("10.0.0.0/8"), IpNetwork.Parse("010.0.0.0/8"));
        Assert.NotEqual(IpNetwork.Parse("10.0.0.0/8"), IpNetwork.Parse("10.0.0.0/9"));
        Assert.NotEqual(IpNetwork.Parse("10.0.0.0/8"), IpNetwork.Parse("::ffff:10.0.0.0/104"));
        Assert.Equal(IpNetwork.Parse("10.0.0.0/8").GetHashCode(), IpNetwork.Parse("10.0.0.0/8").GetHashCode());
        Assert.True(IpNetwork.Parse("::/0") == IpNetwork.Parse("0::0/0"));
        Assert.True(IpNetwork.Parse("::/0") != IpNetwork.Parse("0.0.0.0/0"));
    }
}
