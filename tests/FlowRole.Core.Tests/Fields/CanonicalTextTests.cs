using System;
using System.Globalization;
using System.Text;
using FlowRole.Addresses;
using FlowRole.Fields;
using Xunit;

namespace FlowRole.Tests.Fields;

/// <summary>
/// What lets a writer copy endpoint text instead of formatting it: the canonical-text checks agree with formatting,
/// and a binder says which columns its endpoints always come from.
/// </summary>
public class CanonicalTextTests
{
    [Fact]
    public void Address_text_is_canonical_exactly_when_formatting_gives_it_back()
    {
        // Random addresses (and the edges of every octet width), written canonically, with a zero-padded octet, and
        // with padding a binder trims: the check must say true exactly when the formatter writes the same text.
        var random = new Random(4);
        byte[] formatted = new byte[64];
        int checkedTrue = 0;
        for (int i = 0; i < 20_000; i++)
        {
            uint value = i < 16 ? (uint)((i * 0x11111111) & 0xFFFFFFFF) : (uint)random.NextInt64(0, 1L << 32);
            string canonical = string.Join(".", (value >> 24).ToString(CultureInfo.InvariantCulture), ((value >> 16) & 0xFF).ToString(CultureInfo.InvariantCulture),
                ((value >> 8) & 0xFF).ToString(CultureInfo.InvariantCulture), (value & 0xFF).ToString(CultureInfo.InvariantCulture));
            string[] parts = canonical.Split('.');
            int padded = random.Next(4);
            parts[padded] = parts[padded].Length < 3 ? "0" + parts[padded] : parts[padded];
            foreach (string text in new[] { canonical, string.Join(".", parts), " " + canonical, canonical + " " })
            {
                byte[] utf8 = Encoding.ASCII.GetBytes(text);
                Assert.True(IpAddress.TryParse(AsciiText.Trim(utf8), out IpAddress address), text);
                Assert.True(address.TryFormat(formatted, out int n));
                bool same = formatted.AsSpan(0, n).SequenceEqual(utf8);
                Assert.True(same == FlowResultFormatter.IsCanonicalText(utf8, address), "'" + text + "'");
                checkedTrue += same ? 1 : 0;
            }
        }

        Assert.True(checkedTrue >= 20_000, "every canonical form was recognised");

        // IPv6 is always formatted, canonical or not; so is an IPv4-mapped IPv6 address.
        foreach (string text in new[] { "::1", "fe80::1", "::ffff:10.1.2.3", "2001:db8::" })
        {
            byte[] utf8 = Encoding.ASCII.GetBytes(text);
            Assert.False(FlowResultFormatter.IsCanonicalText(utf8, IpAddress.Parse(text)), text);
        }
    }

    [Fact]
    public void Port_text_is_canonical_exactly_without_leading_zeros_or_padding()
    {
        for (int port = 0; port <= ushort.MaxValue; port++)
        {
            string text = port.ToString(CultureInfo.InvariantCulture);
            Assert.True(FlowResultFormatter.IsCanonicalText(Encoding.ASCII.GetBytes(text), (ushort)port));
            Assert.False(FlowResultFormatter.IsCanonicalText(Encoding.ASCII.GetBytes("0" + text), (ushort)port));
            Assert.False(FlowResultFormatter.IsCanonicalText(Encoding.ASCII.GetBytes(" " + text), (ushort)port));
            Assert.False(FlowResultFormatter.IsCanonicalText(Encoding.ASCII.GetBytes(text + " "), (ushort)port));
        }

        // A port filled in for an unset marker (an ICMP row's "-") is not read from that text.
        Assert.False(FlowResultFormatter.IsCanonicalText("-"u8, 0));
        Assert.False(FlowResultFormatter.IsCanonicalText(" "u8, 0));
    }

    [Fact]
    public void A_plain_header_names_its_endpoint_columns_and_no_other_header_does()
    {
        var plain = new FlowRecordBinder(["transport", "dest_port", "src_ip", "x", "dest_ip", "src_port"]);
        Assert.True(plain.TryGetEndpointColumns(out int sourceAddress, out int sourcePort, out int destinationAddress, out int destinationPort));
        Assert.Equal((2, 5, 4, 1), (sourceAddress, sourcePort, destinationAddress, destinationPort));

        // Evidence columns, a second candidate for a field, or client/server columns: endpoints may come from
        // elsewhere row by row, so no fixed columns.
        Assert.False(new FlowRecordBinder(["src_ip", "src_port", "dest_ip", "dest_port", "history"]).TryGetEndpointColumns(out _, out _, out _, out _));
        Assert.False(new FlowRecordBinder(["src_ip", "src", "src_port", "dest_ip", "dest_port"]).TryGetEndpointColumns(out _, out _, out _, out _));
        Assert.False(new FlowRecordBinder(["client_ip", "client_port", "server_ip", "server_port"]).TryGetEndpointColumns(out _, out _, out _, out _));
    }
}
