using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using FlowRole.Addresses;
using Xunit;

namespace FlowRole.Tests.Addresses;

public class IpAddressParseTests
{
    // Parses with both overloads and insists they agree, so every case below also checks UTF-8 parity.
    private static bool ParseBoth(string text, out IpAddress address)
    {
        bool ok16 = IpAddress.TryParse(text.AsSpan(), out address);
        bool ok8 = IpAddress.TryParse(Encoding.UTF8.GetBytes(text), out IpAddress utf8);
        Assert.Equal(ok16, ok8);
        Assert.Equal(address, utf8);

        bool okError16 = IpAddress.TryParse(text.AsSpan(), out IpAddress withError16, out string? error16);
        bool okError8 = IpAddress.TryParse(Encoding.UTF8.GetBytes(text), out _, out string? error8);
        Assert.Equal(ok16, okError16);
        Assert.Equal(ok16, okError8);
        Assert.Equal(address, withError16);
        Assert.Equal(ok16, error16 is null);
        if (Encoding.UTF8.GetByteCount(text) == text.Length)
        {
            // ASCII text: one message, whatever the encoding.
            Assert.Equal(error16, error8);
        }

        return ok16;
    }

    [Theory]
    [InlineData("0.0.0.0", 0x00000000u)]
    [InlineData("1.2.3.4", 0x01020304u)]
    [InlineData("255.255.255.255", 0xFFFFFFFFu)]
    [InlineData("192.168.0.1", 0xC0A80001u)]
    [InlineData("010.001.002.003", 0x0A010203u)] // leading zeros are decimal, not octal
    [InlineData("00.0.000.9", 0x00000009u)]
    [InlineData("8.8.8.8", 0x08080808u)]
    public void Parses_IPv4(string text, uint expected)
    {
        Assert.True(ParseBoth(text, out IpAddress address));
        Assert.True(address.IsIPv4);
        Assert.False(address.IsIPv6);
        Assert.Equal(0UL, address.High);
        Assert.Equal(expected, (uint)address.Low);
        Assert.Equal(IpAddress.FromIPv4(expected), address);
    }

    [Theory]
    [InlineData("::", 0UL, 0UL)]
    [InlineData("::1", 0UL, 1UL)]
    [InlineData("1::", 0x0001_0000_0000_0000UL, 0UL)]
    [InlineData("1:2:3:4:5:6:7:8", 0x0001_0002_0003_0004UL, 0x0005_0006_0007_0008UL)]
    [InlineData("1:2:3:4:5:6:7::", 0x0001_0002_0003_0004UL, 0x0005_0006_0007_0000UL)]
    [InlineData("::2:3:4:5:6:7:8", 0x0000_0002_0003_0004UL, 0x0005_0006_0007_0008UL)]
    [InlineData("2001:db8::1", 0x2001_0db8_0000_0000UL, 1UL)]
    [InlineData("2001:DB8:0:0:0:0:0:1", 0x2001_0db8_0000_0000UL, 1UL)]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001", 0x2001_0db8_0000_0000UL, 1UL)]
    [InlineData("fe80::200:86ff:fe05:80da", 0xfe80_0000_0000_0000UL, 0x0200_86ff_fe05_80daUL)]
    [InlineData("::ffff:192.0.2.1", 0UL, 0x0000_ffff_c000_0201UL)]
    [InlineData("::ffff:c000:201", 0UL, 0x0000_ffff_c000_0201UL)]
    [InlineData("::1.2.3.4", 0UL, 0x0102_0304UL)]
    [InlineData("64:ff9b::8.8.8.8", 0x0064_ff9b_0000_0000UL, 0x0808_0808UL)]
    [InlineData("1:2:3:4:5:6:1.2.3.4", 0x0001_0002_0003_0004UL, 0x0005_0006_0102_0304UL)]
    [InlineData("1::5:6:1.2.3.4", 0x0001_0000_0000_0000UL, 0x0005_0006_0102_0304UL)]
    [InlineData("[2001:db8::1]", 0x2001_0db8_0000_0000UL, 1UL)]
    [InlineData("[::]", 0UL, 0UL)]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ulong.MaxValue, ulong.MaxValue)]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", ulong.MaxValue, ulong.MaxValue)]
    public void Parses_IPv6(string text, ulong hi, ulong lo)
    {
        Assert.True(ParseBoth(text, out IpAddress address));
        Assert.True(address.IsIPv6);
        Assert.Equal(hi, address.High);
        Assert.Equal(lo, address.Low);
        Assert.Equal(0u, address.ScopeId);
    }

    [Theory]
    [InlineData("fe80::1%3", 3u)]
    [InlineData("fe80::1%0", 0u)]
    [InlineData("fe80::1%4294967295", 4294967295u)]
    [InlineData("fe80::1%eth0", 0u)]
    [InlineData("fe80::1%en0", 0u)]
    [InlineData("fe80::1%wlp2s0.100", 0u)]
    [InlineData("fe80::1%Ethernet-2_x", 0u)]
    [InlineData("[fe80::1%12]", 12u)]
    [InlineData("[fe80::1%eth0]", 0u)]
    [InlineData("ff02::1%1", 1u)]
    [InlineData("::ffff:10.0.0.1%7", 7u)]
    public void Parses_zones(string text, uint scopeId)
    {
        Assert.True(ParseBoth(text, out IpAddress address));
        Assert.True(address.IsIPv6);
        Assert.Equal(scopeId, address.ScopeId);
        int percent = text.IndexOf('%', StringComparison.Ordinal);
        Assert.True(IpAddress.TryParse(text.Substring(0, percent).TrimStart('['), out IpAddress bare));
        Assert.Equal(bare.High, address.High);
        Assert.Equal(bare.Low, address.Low);
    }

    [Theory]
    // empty and whitespace
    [InlineData("", "it is empty")]
    [InlineData(" ", "unexpected a space at position 1")]
    [InlineData(" 1.2.3.4", "unexpected a space at position 1")]
    [InlineData("1.2.3.4 ", "unexpected a space at position 8")]
    [InlineData("1.2. 3.4", "unexpected a space at position 5")]
    [InlineData("2001:db8:: 1", "unexpected a space at position 11")]
    [InlineData("\t::1", "unexpected U+0009 at position 1")]
    [InlineData("1.2.3.4\0", "unexpected U+0000 at position 8")]
    // IPv4 part counts and values
    [InlineData("1.2.3", "needs 4 dot-separated parts")]
    [InlineData("1", "needs 4 dot-separated parts")]
    [InlineData("1.2.3.4.5", "only 4 dot-separated parts (extra '.' at position 8)")]
    [InlineData("1.2.3.4.", "only 4 dot-separated parts")]
    [InlineData("256.1.1.1", "IPv4 part at position 1 is greater than 255")]
    [InlineData("1.2.3.256", "IPv4 part at position 7 is greater than 255")]
    [InlineData("1.2.3.999", "greater than 255")]
    [InlineData("1.2.3.0004", "IPv4 part at position 7 has more than 3 digits")]
    [InlineData("1..3.4", "empty IPv4 part at position 3")]
    [InlineData(".1.2.3", "empty IPv4 part at position 1")]
    [InlineData("1.2.3.", "empty IPv4 part at position 7")]
    [InlineData("+1.2.3.4", "unexpected '+' at position 1")]
    [InlineData("1.+2.3.4", "unexpected '+' at position 3")]
    [InlineData("-1.2.3.4", "unexpected '-' at position 1")]
    [InlineData("0x0a.0.0.1", "unexpected 'x' at position 2")]
    [InlineData("1.2.3.4x", "unexpected 'x' at position 8")]
    [InlineData("1.2.3.4/24", "unexpected '/' at position 8")]
    [InlineData("1.2.3.4:80", "unexpected ':' at position 8")] // a port is not part of an address
    [InlineData("hello", "unexpected 'h' at position 1")]
    [InlineData("1.2.3.4%eth0", "a %zone is only valid on an IPv6 address")]
    // IPv6 groups and colons
    [InlineData("1:2:3:4:5:6:7:8:9", "at most 8 groups (extra group at position 17)")]
    [InlineData("1:2:3:4:5:6:7", "needs 8 groups or a '::'")]
    [InlineData("1:2:3:4:5:6:7:8::", "'::' must stand for at least one zero group")]
    [InlineData("::1:2:3:4:5:6:7:8", "'::' must stand for at least one zero group")]
    [InlineData("1:2:3:4::5:6:7:8", "'::' must stand for at least one zero group")]
    [InlineData("1::2::3", "'::' may appear only once (again at position 5)")]
    [InlineData("::1::", "'::' may appear only once")]
    [InlineData(":::", "empty IPv6 group at position 3")]
    [InlineData("1:::2", "empty IPv6 group at position 4")]
    [InlineData(":1::2", "a single ':' at position 1")]
    [InlineData("1::2:", "a single ':' at position 5")]
    [InlineData(":", "a single ':' at position 1")]
    [InlineData("12345::1", "the IPv6 group at position 1 has more than 4 hex digits")]
    [InlineData("2001:db8::g", "unexpected 'g' at position 11")]
    [InlineData("2001:db8::-1", "unexpected '-' at position 11")]
    [InlineData("fe80::1x", "unexpected 'x' at position 8")]
    [InlineData("::ffff:1.2.3", "needs 4 dot-separated parts")]
    [InlineData("::ffff:1.2.3.256", "greater than 255")]
    [InlineData("::1.2.3.4:5", "unexpected ':' at position 10")]
    [InlineData("1:2:3:4:5:6:7:1.2.3.4", "a dotted IPv4 tail may only replace the last two IPv6 groups")]
    [InlineData("1:2:3:4:5:6:7:8:1.2.3.4", "a dotted IPv4 tail may only replace the last two IPv6 groups")]
    [InlineData("::ffff:a.b.c.d", "unexpected 'a' at position 8")]
    // zones
    [InlineData("fe80::1%", "the %zone at position 8 is not a scope number")]
    [InlineData("fe80::1%4294967296", "the %zone at position 8")]
    [InlineData("fe80::1%eth 0", "the %zone at position 12")]
    [InlineData("fe80::1%eth0%1", "the %zone at position 13")]
    [InlineData("fe80::1%eth0/64", "the %zone at position 13")]
    [InlineData("%eth0", "no address before position 1")]
    // brackets
    [InlineData("[::1", "unbalanced '[' or ']' at position 1")]
    [InlineData("::1]", "unbalanced '[' or ']' at position 4")]
    [InlineData("[[::1]]", "unbalanced '[' or ']' at position 2")]
    [InlineData("[::1]:80", "unbalanced '[' or ']' at position 1")]
    [InlineData("[fe80::1%eth0]]", "unbalanced '[' or ']'")]
    [InlineData("[]", "no address before position 2")]
    [InlineData("[1.2.3.4]", "brackets are only used around IPv6 addresses")]
    public void Rejects_bad_text_with_a_reason(string text, string reason)
    {
        Assert.False(ParseBoth(text, out IpAddress address));
        Assert.True(address.IsNone);
        IpAddress.TryParse(text.AsSpan(), out _, out string? error);
        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.StartsWith("'" + text + "' is not a valid IP address: ", error, StringComparison.Ordinal);

        var ex = Assert.Throws<FormatException>(() => IpAddress.Parse(text));
        Assert.Equal(error, ex.Message);
    }

    [Fact]
    public void Rejects_very_long_text_quickly_and_quotes_it_shortened()
    {
        foreach (string text in new[]
        {
            new string('1', 1_000_000),
            new string(':', 100_000),
            "1.2.3.4" + new string(' ', 200),
            "fe80::1%" + new string('e', 65),
            string.Join(":", new string[200]),
        })
        {
            Assert.False(ParseBoth(text, out _));
            var ex = Assert.Throws<FormatException>(() => IpAddress.Parse(text));
            Assert.True(ex.Message.Length < 300, ex.Message);
        }

        // A 64-character interface name is the longest accepted, and the longest address text is accepted too.
        Assert.True(ParseBoth("fe80::1%" + new string('e', 64), out _));
        Assert.True(ParseBoth("[0000:0000:0000:0000:0000:ffff:010.001.002.003%" + new string('e', 64) + "]", out IpAddress longest));
        Assert.Equal("::ffff:10.1.2.3", longest.ToString());
    }

    [Fact]
    public void Utf8_rejects_non_ascii_digits_and_names_the_byte()
    {
        // Fullwidth digit one (U+FF11) must not pass as '1'.
        Assert.False(ParseBoth("\uFF11.2.3.4", out _));
        IpAddress.TryParse(Encoding.UTF8.GetBytes("\uFF11.2.3.4"), out _, out string? error);
        Assert.Contains("byte 0xEF at position 1", error, StringComparison.Ordinal);

        // Non-ASCII interface names are accepted and dropped in both encodings.
        Assert.True(ParseBoth("fe80::1%réseau", out IpAddress named));
        Assert.Equal("fe80::1", named.ToString());
    }

    [Fact]
    public void Parse_rejects_null()
    {
        Assert.Throws<ArgumentNullException>(() => IpAddress.Parse(null!));
    }

    [Fact]
    public void Agrees_with_System_Net_on_random_valid_text()
    {
        var random = new Random(5952);
        var buffer = new byte[16];
        Span<byte> bytes = stackalloc byte[16];
        for (int i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            MaskRandomZeroRuns(random, buffer);
            bool v4 = i % 3 == 0;
            var reference = new IPAddress(v4 ? buffer.AsSpan(0, 4) : buffer);

            // Several spellings of the same address must parse to it.
            foreach (string text in Spellings(reference, random))
            {
                Assert.True(ParseBoth(text, out IpAddress parsed), text);
                int n = parsed.WriteBytes(bytes);
                Assert.True(bytes.Slice(0, n).SequenceEqual(reference.GetAddressBytes()), text);
            }
        }
    }

    private static IEnumerable<string> Spellings(IPAddress address, Random random)
    {
        yield return address.ToString();
        byte[] b = address.GetAddressBytes();
        if (b.Length == 4)
        {
            yield return $"{b[0]:D3}.{b[1]:D3}.{b[2]:D3}.{b[3]:D3}";
            yield break;
        }

        var groups = new string[8];
        for (int k = 0; k < 8; k++)
        {
            int word = (b[2 * k] << 8) | b[(2 * k) + 1];
            groups[k] = random.Next(3) switch
            {
                0 => word.ToString("x4"),
                1 => word.ToString("X"),
                _ => word.ToString("x"),
            };
        }

        yield return string.Join(":", groups);
        yield return "[" + string.Join(":", groups) + "]";
        yield return string.Join(":", groups, 0, 6) + $":{b[12]}.{b[13]}.{b[14]}.{b[15]}";
        yield return "[" + address.ToString() + "%" + random.Next(1, 100) + "]";
    }

    // Random bytes rarely hold zero groups; zero some out so "::" shows up in many places and lengths.
    private static void MaskRandomZeroRuns(Random random, byte[] bytes)
    {
        int runs = random.Next(3);
        for (int r = 0; r < runs; r++)
        {
            int start = random.Next(8), length = random.Next(1, 9 - start);
            Array.Clear(bytes, start * 2, length * 2);
        }
    }
}
