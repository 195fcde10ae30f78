using System;
using System.Text;
using FlowRole.Fields;
using FlowRole.Flows;
using Xunit;

namespace FlowRole.Tests.Fields;

public class FlowValueParserTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("65535", 65535)]
    [InlineData(" 443 ", 443)]
    [InlineData("0080", 80)]
    public void Ports_parse(string text, int expected)
    {
        Assert.True(FlowValueParser.TryParsePort(Encoding.UTF8.GetBytes(text), out ushort a));
        Assert.True(FlowValueParser.TryParsePort(text.AsSpan(), out ushort b));
        Assert.Equal(expected, a);
        Assert.Equal(expected, b);
    }

    [Theory]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("")]
    [InlineData("80/tcp")]
    [InlineData("99999999999999999999999")]
    public void Bad_ports_fail(string text)
    {
        Assert.False(FlowValueParser.TryParsePort(Encoding.UTF8.GetBytes(text), out _));
        Assert.False(FlowValueParser.TryParsePort(text.AsSpan(), out _));
    }

    [Fact]
    public void Every_port_parses_back_from_its_decimal_text()
    {
        for (int port = 0; port <= ushort.MaxValue; port++)
        {
            Assert.True(FlowValueParser.TryParsePort(Encoding.ASCII.GetBytes(port.ToString(System.Globalization.CultureInfo.InvariantCulture)), out ushort parsed));
            Assert.Equal(port, parsed);
        }
    }

    [Theory]
    [InlineData("tcp", Transport.Tcp)]
    [InlineData("TCP", Transport.Tcp)]
    [InlineData("6", Transport.Tcp)]
    [InlineData("udp", Transport.Udp)]
    [InlineData("17", Transport.Udp)]
    [InlineData("icmp", Transport.Icmp)]
    [InlineData("1", Transport.Icmp)]
    [InlineData("ipv6-icmp", Transport.IcmpV6)]
    [InlineData("IPv6-ICMP", Transport.IcmpV6)]
    [InlineData("icmpv6", Transport.IcmpV6)]
    [InlineData("icmp6", Transport.IcmpV6)]
    [InlineData("58", Transport.IcmpV6)]
    [InlineData("sctp", Transport.Sctp)]
    [InlineData("132", Transport.Sctp)]
    [InlineData("gre", (Transport)47)]
    [InlineData("ESP", (Transport)50)]
    [InlineData("3pc", (Transport)34)]
    [InlineData("0", (Transport)0)]
    [InlineData("unknown", Transport.Unknown)]
    [InlineData("unknown_transport", Transport.Unknown)]
    [InlineData("ip", Transport.Unknown)]
    [InlineData("IPv4", Transport.Unknown)]
    [InlineData("255", Transport.Unknown)]
    public void Transports_parse(string text, Transport expected)
    {
        Assert.True(FlowValueParser.TryParseTransport(Encoding.UTF8.GetBytes(text), out Transport a));
        Assert.True(FlowValueParser.TryParseTransport(text.AsSpan(), out Transport b));
        Assert.Equal(expected, a);
        Assert.Equal(expected, b);
    }

    [Theory]
    [InlineData("256")]
    [InlineData("tcpx")]
    [InlineData("")]
    [InlineData("t c p")]
    public void Bad_transports_fail(string text) => Assert.False(FlowValueParser.TryParseTransport(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("S", TcpFlags.Syn)]
    [InlineData("SA", TcpFlags.Syn | TcpFlags.Ack)]
    [InlineData("sa", TcpFlags.Syn | TcpFlags.Ack)]
    [InlineData("SYN,ACK", TcpFlags.Syn | TcpFlags.Ack)]
    [InlineData("SYN ACK", TcpFlags.Syn | TcpFlags.Ack)]
    [InlineData("syn|ack|push", TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Psh)]
    [InlineData("SYN", TcpFlags.Syn)]
    [InlineData("0x12", TcpFlags.Syn | TcpFlags.Ack)]
    [InlineData("0X02", TcpFlags.Syn)]
    [InlineData("18", TcpFlags.Syn | TcpFlags.Ack)]
    [InlineData("2", TcpFlags.Syn)]
    [InlineData("0x112", TcpFlags.Syn | TcpFlags.Ack)]
    [InlineData("[S]", TcpFlags.Syn)]
    [InlineData("[S.]", TcpFlags.Syn | TcpFlags.Ack)]
    [InlineData("[P.]", TcpFlags.Psh | TcpFlags.Ack)]
    [InlineData("[F.]", TcpFlags.Fin | TcpFlags.Ack)]
    [InlineData("[R]", TcpFlags.Rst)]
    [InlineData("[SEW]", TcpFlags.Syn | TcpFlags.Ece | TcpFlags.Cwr)]
    [InlineData("[none]", TcpFlags.None)]
    [InlineData(".A..S.", TcpFlags.Syn | TcpFlags.Ack)]
    [InlineData("FSRPAUEC", (TcpFlags)0xFF)]
    [InlineData("RST", TcpFlags.Rst)]
    [InlineData("FIN/ACK", TcpFlags.Fin | TcpFlags.Ack)]
    public void Tcp_flags_parse(string text, TcpFlags expected)
    {
        Assert.True(FlowValueParser.TryParseTcpFlags(Encoding.UTF8.GetBytes(text), out TcpFlags a));
        Assert.True(FlowValueParser.TryParseTcpFlags(text.AsSpan(), out TcpFlags b));
        Assert.Equal(expected, a);
        Assert.Equal(expected, b);
    }

    [Theory]
    [InlineData("SYNACK")]
    [InlineData("X")]
    [InlineData("0x200")]
    [InlineData("512")]
    [InlineData("[S")]
    [InlineData("[Q]")]
    [InlineData("[]")]
    [InlineData("")]
    [InlineData(",")]
    public void Bad_tcp_flags_fail(string text) => Assert.False(FlowValueParser.TryParseTcpFlags(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void Conn_states_parse_in_any_case()
    {
        foreach (ConnState state in Enum.GetValues(typeof(ConnState)))
        {
            if (state == ConnState.None)
            {
                continue;
            }

            string name = FlowNames.Name(state);
            Assert.True(FlowValueParser.TryParseConnState(Encoding.UTF8.GetBytes(name), out ConnState a));
            Assert.True(FlowValueParser.TryParseConnState(name.ToLowerInvariant().AsSpan(), out ConnState b));
            Assert.Equal(state, a);
            Assert.Equal(state, b);
        }

        Assert.False(FlowValueParser.TryParseConnState("S4"u8, out _));
        Assert.False(FlowValueParser.TryParseConnState(""u8, out _));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    public void Booleans_parse(string text, bool expected)
    {
        Assert.True(FlowValueParser.TryParseBoolean(Encoding.UTF8.GetBytes(text), out bool a));
        Assert.True(FlowValueParser.TryParseBoolean(text.AsSpan(), out bool b));
        Assert.Equal(expected, a);
        Assert.Equal(expected, b);
        Assert.False(FlowValueParser.TryParseBoolean("yes"u8, out _));
    }

    [Fact]
    public void Counts_parse()
    {
        Assert.True(FlowValueParser.TryParseCount("9223372036854775807"u8, out long max));
        Assert.Equal(long.MaxValue, max);
        Assert.False(FlowValueParser.TryParseCount("9223372036854775808"u8, out _));
        Assert.False(FlowValueParser.TryParseCount("-1"u8, out _));
        Assert.True(FlowValueParser.TryParseCount("0".AsSpan(), out long zero));
        Assert.Equal(0, zero);
    }

    [Fact]
    public void Zeek_history_parses_from_utf8_like_from_chars()
    {
        foreach (string h in new[] { "ShADadFf", "^hADad", "Dd^", "CcShAD", "S", "-" })
        {
            Assert.True(FlowValueParser.TryParseZeekHistory(Encoding.UTF8.GetBytes(h), out ZeekHistory a));
            Assert.True(ZeekHistory.TryParse(h.AsSpan(), out ZeekHistory b));
            Assert.Equal(b, a);
        }

        Assert.False(FlowValueParser.TryParseZeekHistory("S?"u8, out _));
        Assert.False(FlowValueParser.TryParseZeekHistory("Sé"u8, out _));
    }

    [Fact]
    public void Every_assigned_protocol_keyword_round_trips()
    {
        for (int n = 0; n < 255; n++)
        {
            string name = FlowNames.Name((Transport)n);
            Assert.True(FlowValueParser.TryParseTransport(Encoding.ASCII.GetBytes(name), out Transport t), name);
            if (name is "ipv4" or "ipv6")
            {
                // The L3 names mean "no transport" (CIM's protocol field); 4 and 41 parse as numbers.
                Assert.Equal(Transport.Unknown, t);
                continue;
            }

            Assert.Equal((Transport)n, t);
        }

        Assert.Equal("ipv6-icmp", FlowNames.Name(Transport.IcmpV6));
        Assert.Equal("unknown", FlowNames.Name(Transport.Unknown));
        Assert.Equal("253", FlowNames.Name((Transport)253));
    }
}
