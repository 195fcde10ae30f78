using System;
using System.Text;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;
using Xunit;
using static FlowRole.Tests.Fields.BindHelper;

namespace FlowRole.Tests.Fields;

public class FlowRecordBinderTests
{
    private static readonly string[] Cim = { "src_ip", "src_port", "dest_ip", "dest_port", "transport" };
    private static readonly string[] Zeek = { "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "history", "conn_state", "orig_bytes", "resp_pkts" };

    [Theory]
    [InlineData("10.0.0.1", "1", "10.0.0.2", "70000", "tcp", "dest_port: '70000' is not a port (0-65535)")]
    [InlineData("10.0.0.1", "-1", "10.0.0.2", "80", "tcp", "src_port: '-1' is not a port (0-65535)")]
    [InlineData("10.0.0.1", "http", "10.0.0.2", "80", "tcp", "src_port: 'http' is not a port (0-65535)")]
    [InlineData("10.0.0.1", "1", "10.0.0.2", "80.0", "tcp", "dest_port: '80.0' is not a port (0-65535)")]
    [InlineData("host1", "1", "10.0.0.2", "80", "tcp", "src_ip: 'host1' is not an IP address")]
    [InlineData("10.0.0.1", "1", "10.0.0.256", "80", "tcp", "dest_ip: '10.0.0.256' is not an IP address")]
    [InlineData("10.0.0.1", "1", "10.0.0.2", "80", "tcpx", "transport: 'tcpx' is not a transport (a name such as tcp, udp, icmp, or an IANA protocol number 0-255)")]
    [InlineData("10.0.0.1", "1", "10.0.0.2", "80", "256", "transport: '256' is not a transport (a name such as tcp, udp, icmp, or an IANA protocol number 0-255)")]
    [InlineData(null, "1", "10.0.0.2", "80", "tcp", "src_ip: empty; a source address is required")]
    [InlineData("10.0.0.1", "1", " ", "80", "tcp", "dest_ip: empty; a destination address is required")]
    [InlineData("10.0.0.1", "-", "10.0.0.2", "80", "tcp", "src_port: empty; a source port is required")]
    [InlineData("10.0.0.1", "1", "10.0.0.2", "", "udp", "dest_port: empty; a destination port is required")]
    [InlineData("10.0.0.1", "1", "10.0.0.2", null, null, "dest_port: empty; a destination port is required")]
    public void Endpoint_errors_name_the_column_the_value_and_the_expectation(string? src, string? sport, string? dst, string? dport, string? transport, string expected)
    {
        Assert.Equal(expected, BindError(Cim, src, sport, dst, dport, transport));
    }

    [Fact]
    public void A_header_without_an_address_column_says_which_names_it_looked_for()
    {
        string message = BindError(new[] { "a", "src_port", "dest_ip", "dest_port" }, "x", "1", "10.0.0.2", "2");
        Assert.Equal("no source address field (expected one of src_ip, source.ip, id.orig_h, SourceIp, src-ip, src_endpoint.ip, LocalAddress, SourceAddress, orig_h, src, source.address)", message);
        var binder = new FlowRecordBinder(new[] { "a", "src_port", "dest_ip", "dest_port" });
        Assert.Equal(FieldErrorKind.NoColumn, binder.HeaderError.Kind);
        Assert.False(new FlowRecordBinder(Cim).HeaderError.IsError);
    }

    [Theory]
    [InlineData("S?", "SF", "1", "1", "history: 'S?' is not a Zeek history (letters such as ShADadFf, optionally with ^)")]
    [InlineData("ShAD", "XX", "1", "1", "conn_state: 'XX' is not a Zeek conn_state (S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH)")]
    [InlineData("ShAD", "SF", "12k", "1", "orig_bytes: '12k' is not a count (a whole number, 0 or more)")]
    [InlineData("ShAD", "SF", "1", "-3", "resp_pkts: '-3' is not a count (a whole number, 0 or more)")]
    public void Evidence_errors_are_reported(string history, string state, string bytes, string pkts, string expected)
    {
        Assert.Equal(expected, BindError(Zeek, "10.0.0.1", "1", "10.0.0.2", "80", "tcp", history, state, bytes, pkts));
    }

    [Fact]
    public void Missing_optional_evidence_is_not_an_error()
    {
        FlowRecord r = BindOk(Zeek, "10.0.0.1", "1", "10.0.0.2", "80", "tcp", "-", "-", "-", "(empty)");
        Assert.False(r.History.IsPresent);
        Assert.Equal(ConnState.None, r.ConnState);
        Assert.False(r.Volume.IsKnown);
        Assert.False(r.HasFirstPacketFlags);
        Assert.Equal(Initiator.Unknown, r.Initiator);
        Assert.Equal(InitiatorSource.None, r.InitiatorSource);
    }

    [Fact]
    public void Tcp_flag_errors_are_reported()
    {
        string[] columns = { "src_ip", "src_port", "dest_ip", "dest_port", "transport", "tcp_flag" };
        Assert.Equal("tcp_flag: 'SYNACK' is not a set of TCP flags (such as S, SA, SYN,ACK, 0x12, 18 or [S.])",
            BindError(columns, "10.0.0.1", "1", "10.0.0.2", "80", "tcp", "SYNACK"));
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, BindOk(columns, "10.0.0.1", "1", "10.0.0.2", "80", "tcp", "SYN,ACK").FirstPacketFlags);
    }

    [Fact]
    public void Icmp_and_portless_transports_need_no_ports_but_tcp_udp_and_unknown_do()
    {
        FlowRecord r = BindOk(Cim, "10.0.0.1", null, "10.0.0.2", null, "icmp");
        Assert.Equal(Transport.Icmp, r.Transport);
        Assert.Equal(0, r.Source.Port);

        r = BindOk(Cim, "10.0.0.1", "-", "10.0.0.2", "-", "gre");
        Assert.Equal((Transport)47, r.Transport);

        // Zeek: ICMP type and code in the ports.
        r = BindOk(Cim, "fe80::1", "135", "ff02::1", "136", "ipv6-icmp");
        Assert.Equal(Transport.IcmpV6, r.Transport);
        Assert.Equal(135, r.Source.Port);
        Assert.Equal(136, r.Destination.Port);

        Assert.Equal("src_port: empty; a source port is required", BindError(Cim, "10.0.0.1", null, "10.0.0.2", "80", "sctp"));
    }

    [Fact]
    public void Icmp_type_errors_are_reported()
    {
        Assert.Equal("icmp_type: '300' is not an ICMP type (0-255)",
            BindError(new[] { "src_ip", "dest_ip", "proto", "icmp_type", "icmp_code" }, "10.0.0.1", "10.0.0.2", "ICMP", "300", "0"));
        Assert.Equal("icmp_code: 'x' is not an ICMP code (0-255)",
            BindError(new[] { "src_ip", "dest_ip", "proto", "icmp_type", "icmp_code" }, "10.0.0.1", "10.0.0.2", "ICMP", "3", "x"));
    }

    [Fact]
    public void Explicit_initiator_column_and_its_errors()
    {
        string[] columns = { "src_ip", "src_port", "dest_ip", "dest_port", "initiator" };
        Assert.Equal(Initiator.Destination, BindOk(columns, "10.0.0.1", "1", "10.0.0.2", "80", "dest").Initiator);
        Assert.Equal(InitiatorSource.Explicit, BindOk(columns, "10.0.0.1", "1", "10.0.0.2", "80", "Source").InitiatorSource);
        Assert.Equal("initiator: 'both' is not an initiator (source or destination)", BindError(columns, "10.0.0.1", "1", "10.0.0.2", "80", "both"));
    }

    [Fact]
    public void Values_are_trimmed_and_shown_escaped_and_shortened_in_messages()
    {
        FlowRecord r = BindOk(Cim, " 10.0.0.1\t", " 1 ", "10.0.0.2\r", "80", " TCP ");
        Assert.Equal(IpAddress.Parse("10.0.0.1"), r.Source.Address);
        Assert.Equal(Transport.Tcp, r.Transport);

        string longValue = new string('9', 100);
        Assert.Equal("dest_port: '" + new string('9', 80) + "...' is not a port (0-65535)", BindError(Cim, "10.0.0.1", "1", "10.0.0.2", longValue, "tcp"));
        Assert.Equal("src_ip: 'a\\nb' is not an IP address", BindError(Cim, "a\nb", "1", "10.0.0.2", "2", "tcp"));
    }

    [Fact]
    public void Rows_shorter_than_the_header_bind_what_they_have()
    {
        var binder = new FlowRecordBinder(new[] { "src_ip", "src_port", "dest_ip", "dest_port", "transport", "history" });
        byte[] data = Encoding.UTF8.GetBytes("10.0.0.1110.0.0.280");
        Cell[] cells = { Cell.Text(0, 8), Cell.Text(8, 1), Cell.Text(9, 8), Cell.Text(17, 2) };
        Assert.True(binder.TryBind(data, cells, out FlowRecord r, out _));
        Assert.Equal(80, r.Destination.Port);
        Assert.Equal(Transport.Unknown, r.Transport);
    }

    [Fact]
    public void Json_null_reads_as_missing()
    {
        var binder = new FlowRecordBinder(new[] { "src_ip", "src_port", "dest_ip", "dest_port", "history" });
        byte[] data = Encoding.UTF8.GetBytes("10.0.0.1110.0.0.280null");
        Cell[] cells = { Cell.Text(0, 8), new Cell(8, 1, CellKind.Number), Cell.Text(9, 8), new Cell(17, 2, CellKind.Number), new Cell(19, 4, CellKind.Null) };
        Assert.True(binder.TryBind(data, cells, out FlowRecord r, out _));
        Assert.False(r.History.IsPresent);
    }

    [Fact]
    public void Binding_a_utf8_row_allocates_nothing()
    {
        var binder = new FlowRecordBinder(Zeek);
        byte[] data = Encoding.UTF8.GetBytes("2001:db8::15000010.0.0.2443tcpShADadFfSF1200-");
        Cell[] cells =
        {
            Cell.Text(0, 11), Cell.Text(11, 5), Cell.Text(16, 8), Cell.Text(24, 3), Cell.Text(27, 3), Cell.Text(30, 8),
            Cell.Text(38, 2), Cell.Text(40, 4), Cell.Text(44, 1),
        };
        Assert.True(binder.TryBind(data, cells, out FlowRecord first, out FieldError e), e.Message);
        Assert.Equal(443, first.Destination.Port);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            binder.TryBind(data, cells, out _, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
