using System;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Text;
using Xunit;

namespace FlowRole.Tests.Text;

/// <summary>Endpoint extraction from real-format alert lines, from UTF-16 and UTF-8 alike.</summary>
public sealed class AlertTextParserTests
{
    private static AlertTextResult ParseBoth(string line)
    {
        AlertTextResult chars = AlertTextParser.Parse(line.AsSpan());
        AlertTextResult bytes = AlertTextParser.Parse(Encoding.UTF8.GetBytes(line));

        // Both encodings read the same flow, or fail the same way.
        Assert.Equal(chars.Status, bytes.Status);
        Assert.Equal(chars.Format, bytes.Format);
        Assert.Equal(chars.Message, bytes.Message);
        Assert.Equal(chars.Record.Source, bytes.Record.Source);
        Assert.Equal(chars.Record.Destination, bytes.Record.Destination);
        Assert.Equal(chars.Record.Transport, bytes.Record.Transport);
        Assert.Equal(chars.Record.Initiator, bytes.Record.Initiator);
        Assert.Equal(chars.Record.FirstPacketFlags, bytes.Record.FirstPacketFlags);
        return chars;
    }

    private static void AssertFlow(AlertTextResult result, AlertFormat format, string source, string destination, Transport transport)
    {
        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(format, result.Format);
        Assert.Equal(source, result.Record.Source.ToString());
        Assert.Equal(destination, result.Record.Destination.ToString());
        Assert.Equal(transport, result.Record.Transport);
    }

    [Fact]
    public void Seed_example_with_arrow_and_labels()
    {
        AlertTextResult r = ParseBoth("Source: 10.0.0.5:53210 -> Destination: 192.168.1.100:443");
        AssertFlow(r, AlertFormat.FreeText, "10.0.0.5:53210", "192.168.1.100:443", Transport.Unknown);
        Assert.True(r.OrientationStated);
        Assert.Equal(Initiator.Unknown, r.Record.Initiator);
    }

    [Fact]
    public void Seed_example_with_ip_labels_and_a_slash_between()
    {
        AlertTextResult r = ParseBoth("Source IP: 10.1.1.50:49765 / Destination IP: 172.16.0.25:22");
        AssertFlow(r, AlertFormat.FreeText, "10.1.1.50:49765", "172.16.0.25:22", Transport.Unknown);
    }

    [Theory]
    [InlineData("10.0.0.5:53210 -> 192.168.1.100:443", "10.0.0.5:53210", "192.168.1.100:443")]
    [InlineData("10.0.0.5:53210 → 192.168.1.100:443", "10.0.0.5:53210", "192.168.1.100:443")]
    [InlineData("10.0.0.5:53210 => 192.168.1.100:443", "10.0.0.5:53210", "192.168.1.100:443")]
    [InlineData("10.0.0.5:53210 --> 192.168.1.100:443", "10.0.0.5:53210", "192.168.1.100:443")]
    [InlineData("192.168.1.100:443 <- 10.0.0.5:53210", "10.0.0.5:53210", "192.168.1.100:443")]
    [InlineData("connection to 192.168.1.100:443 from 10.0.0.5:53210", "10.0.0.5:53210", "192.168.1.100:443")]
    [InlineData("10.0.0.5:53210 to 192.168.1.100:443", "10.0.0.5:53210", "192.168.1.100:443")]
    [InlineData("dst=192.168.1.100:443 src=10.0.0.5:53210", "10.0.0.5:53210", "192.168.1.100:443")]
    [InlineData("src 10.0.0.5 sport 53210 dst 192.168.1.100 dport 443", "10.0.0.5:53210", "192.168.1.100:443")]
    [InlineData("Source Address: 10.0.0.5 Source Port: 53210 Destination Address: 192.168.1.100 Destination Port: 443", "10.0.0.5:53210", "192.168.1.100:443")]
    [InlineData("from 10.0.0.5 port 53210 to 192.168.1.100 port 443", "10.0.0.5:53210", "192.168.1.100:443")]
    [InlineData("SrcAddr=10.0.0.5, SrcPort=53210, DstAddr=192.168.1.100, DstPort=443", "10.0.0.5:53210", "192.168.1.100:443")]
    public void Arrows_and_words_give_direction(string line, string source, string destination)
    {
        AlertTextResult r = ParseBoth(line);
        Assert.True(r.IsSuccess, r.Message);
        Assert.Equal(source, r.Record.Source.ToString());
        Assert.Equal(destination, r.Record.Destination.ToString());
        Assert.True(r.OrientationStated);
    }

    [Fact]
    public void Two_bare_endpoints_are_read_in_order_and_say_so()
    {
        AlertTextResult r = ParseBoth("blocked 10.0.0.5:53210 192.168.1.100:443");
        AssertFlow(r, AlertFormat.FreeText, "10.0.0.5:53210", "192.168.1.100:443", Transport.Unknown);
        Assert.False(r.OrientationStated);
    }

    [Fact]
    public void Netfilter_log_line_with_syslog_header_and_syn()
    {
        AlertTextResult r = ParseBoth("<4>Jan 15 10:23:45 fw01 kernel: [12345.678901] IN=eth0 OUT= MAC=00:0c:29:3e:5b:7a:00:50:56:c0:00:08:08:00 "
            + "SRC=203.0.113.45 DST=10.0.0.10 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=54321 DF PROTO=TCP SPT=51514 DPT=22 WINDOW=29200 RES=0x00 SYN URGP=0");
        AssertFlow(r, AlertFormat.Netfilter, "203.0.113.45:51514", "10.0.0.10:22", Transport.Tcp);
        Assert.True(r.Record.HasFirstPacketFlags);
        Assert.Equal(TcpFlags.Syn, r.Record.FirstPacketFlags);
    }

    [Fact]
    public void Netfilter_mid_stream_packet_states_no_first_packet_flags()
    {
        AlertTextResult r = ParseBoth("IN=eth0 OUT= SRC=10.0.0.10 DST=203.0.113.45 LEN=52 PROTO=TCP SPT=22 DPT=51514 WINDOW=501 RES=0x00 ACK URGP=0");
        AssertFlow(r, AlertFormat.Netfilter, "10.0.0.10:22", "203.0.113.45:51514", Transport.Tcp);
        Assert.False(r.Record.HasFirstPacketFlags);
    }

    [Fact]
    public void Netfilter_icmp_puts_type_and_code_in_the_ports()
    {
        AlertTextResult r = ParseBoth("IN=eth0 OUT= SRC=198.51.100.9 DST=10.0.0.10 LEN=84 TOS=0x00 PREC=0x00 TTL=55 ID=0 DF PROTO=ICMP TYPE=8 CODE=0 ID=1234 SEQ=1");
        AssertFlow(r, AlertFormat.Netfilter, "198.51.100.9:8", "10.0.0.10:0", Transport.Icmp);
    }

    [Fact]
    public void Netfilter_icmp_error_ignores_the_quoted_packet()
    {
        AlertTextResult r = ParseBoth("IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.10 LEN=84 PROTO=ICMP TYPE=3 CODE=3 "
            + "[SRC=10.0.0.10 DST=10.0.0.1 LEN=56 PROTO=UDP SPT=33434 DPT=33435 LEN=36 ]");
        AssertFlow(r, AlertFormat.Netfilter, "10.0.0.1:3", "10.0.0.10:3", Transport.Icmp);
    }

    [Fact]
    public void Netfilter_protocol_number()
    {
        AlertTextResult r = ParseBoth("IN=eth0 OUT= SRC=10.0.0.9 DST=10.0.0.53 LEN=60 PROTO=17 SPT=40000 DPT=53 LEN=40");
        AssertFlow(r, AlertFormat.Netfilter, "10.0.0.9:40000", "10.0.0.53:53", Transport.Udp);
    }

    [Fact]
    public void Cef_event_reads_the_extension_only()
    {
        // The header's name mentions another address; only the extension's src/dst count.
        AlertTextResult r = ParseBoth("<134>Jan 15 10:24:01 ids01 CEF:0|Example|IDS|2.1|4001|Attempt from 192.0.2.1 seen|7|"
            + "src=198.51.100.23 spt=50432 dst=10.0.0.20 dpt=3389 proto=TCP act=alert msg=Inbound RDP\\=yes");
        AssertFlow(r, AlertFormat.Cef, "198.51.100.23:50432", "10.0.0.20:3389", Transport.Tcp);
    }

    [Fact]
    public void Cef_with_protocol_number_and_device_address()
    {
        AlertTextResult r = ParseBoth("CEF:0|Vendor|FW|1.0|100|Connection denied|5|dvc=10.0.0.1 src=10.0.0.44 spt=61000 dst=203.0.113.5 dpt=25 proto=6");
        AssertFlow(r, AlertFormat.Cef, "10.0.0.44:61000", "203.0.113.5:25", Transport.Tcp);
    }

    [Fact]
    public void Cef_without_an_extension_is_an_error()
    {
        AlertTextResult r = ParseBoth("CEF:0|Vendor|Product|1.0|100|Name");
        Assert.Equal(AlertTextStatus.MissingField, r.Status);
        Assert.Equal(AlertFormat.Cef, r.Format);
        Assert.Contains("extension", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_firewall_log_line_names_the_initiator()
    {
        AlertTextResult r = ParseBoth("2024-01-15 10:25:13 ALLOW TCP 10.0.0.7 93.184.216.34 61234 443 0 - 0 0 0 - - - SEND");
        AssertFlow(r, AlertFormat.WindowsFirewall, "10.0.0.7:61234", "93.184.216.34:443", Transport.Tcp);
        Assert.Equal(Initiator.Source, r.Record.Initiator);
        Assert.Equal(InitiatorSource.Firewall, r.Record.InitiatorSource);
    }

    [Fact]
    public void Windows_firewall_icmp_uses_type_and_code_columns()
    {
        AlertTextResult r = ParseBoth("2024-01-15 10:25:14 DROP ICMP 198.51.100.4 10.0.0.7 - - 60 - - - - 8 0 - RECEIVE 4");
        AssertFlow(r, AlertFormat.WindowsFirewall, "198.51.100.4:8", "10.0.0.7:0", Transport.Icmp);
        Assert.Equal(Initiator.Source, r.Record.Initiator);
    }

    [Fact]
    public void Windows_firewall_info_line_has_no_endpoint()
    {
        AlertTextResult r = ParseBoth("2024-01-15 10:25:15 INFO-EVENTS-LOST - - - - - - - - - - - - 32 -");
        Assert.Equal(AlertTextStatus.NoEndpoint, r.Status);
        Assert.Equal(AlertFormat.WindowsFirewall, r.Format);
    }

    [Fact]
    public void PfSense_filterlog_ipv4_tcp_with_syn()
    {
        AlertTextResult r = ParseBoth("<134>Jan 15 10:26:02 filterlog[31337]: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,12345,0,DF,6,tcp,60,"
            + "198.51.100.77,10.0.0.30,44123,445,0,S,1234567890,,64240,,mss;sackOK;TS;nop;wscale");
        AssertFlow(r, AlertFormat.PfSenseFilterlog, "198.51.100.77:44123", "10.0.0.30:445", Transport.Tcp);
        Assert.Equal(TcpFlags.Syn, r.Record.FirstPacketFlags);
    }

    [Fact]
    public void PfSense_filterlog_rfc5424_ipv6_udp()
    {
        AlertTextResult r = ParseBoth("<134>1 2024-01-15T10:26:03.123456+00:00 pfSense.home.arpa filterlog 31337 - - "
            + "77,,,1000000105,igb1,match,pass,out,6,0x00,0x00000,64,udp,17,72,2001:db8::10,2001:db8:1::53,53412,53,72");
        AssertFlow(r, AlertFormat.PfSenseFilterlog, "[2001:db8::10]:53412", "[2001:db8:1::53]:53", Transport.Udp);
    }

    [Fact]
    public void PfSense_filterlog_icmp_echo_request()
    {
        AlertTextResult r = ParseBoth("filterlog[31337]: 5,,,1000000103,igb0,match,block,in,4,0x0,,56,0,0,none,1,icmp,84,198.51.100.77,10.0.0.30,request,4242,1");
        AssertFlow(r, AlertFormat.PfSenseFilterlog, "198.51.100.77:8", "10.0.0.30:0", Transport.Icmp);
    }

    [Fact]
    public void PfSense_filterlog_cut_short_names_the_missing_field()
    {
        AlertTextResult r = ParseBoth("filterlog[31337]: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,12345,0,DF,6,tcp,60,198.51.100.77");
        Assert.Equal(AlertTextStatus.MissingField, r.Status);
        Assert.Equal("the pfSense filterlog line has no destination address (field 20) field", r.Message);
    }

    [Fact]
    public void PfSense_filterlog_bad_port_is_an_invalid_value()
    {
        AlertTextResult r = ParseBoth("filterlog: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,12345,0,DF,6,tcp,60,198.51.100.77,10.0.0.30,99999,445,0,S");
        Assert.Equal(AlertTextStatus.InvalidValue, r.Status);
        Assert.Equal("source port", r.Field);
        Assert.StartsWith("the pfSense filterlog field source port at position ", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Asa_built_inbound_makes_the_for_side_the_initiator()
    {
        AlertTextResult r = ParseBoth("<166>Jan 15 10:27:40 asa01 : %ASA-6-302013: Built inbound TCP connection 184467 for outside:198.51.100.7/54321 "
            + "(198.51.100.7/54321) to inside:10.0.0.25/3389 (203.0.113.25/3389)");
        AssertFlow(r, AlertFormat.CiscoAsa, "198.51.100.7:54321", "10.0.0.25:3389", Transport.Tcp);
        Assert.Equal(Initiator.Source, r.Record.Initiator);
        Assert.Equal(InitiatorSource.Perimeter, r.Record.InitiatorSource);
    }

    [Fact]
    public void Asa_built_outbound_makes_the_to_side_the_initiator()
    {
        AlertTextResult r = ParseBoth("%ASA-6-302015: Built outbound UDP connection 99731 for outside:8.8.8.8/53 (8.8.8.8/53) to inside:10.0.0.14/58912 (203.0.113.5/58912)");
        AssertFlow(r, AlertFormat.CiscoAsa, "8.8.8.8:53", "10.0.0.14:58912", Transport.Udp);
        Assert.Equal(Initiator.Destination, r.Record.Initiator);
    }

    [Fact]
    public void Asa_identity_interface_name_with_spaces()
    {
        AlertTextResult r = ParseBoth("%ASA-6-302013: Built inbound TCP connection 8 for inside:10.1.1.2/12523 (10.1.1.2/12523) to NP Identity Ifc:10.1.1.1/22 (10.1.1.1/22)");
        AssertFlow(r, AlertFormat.CiscoAsa, "10.1.1.2:12523", "10.1.1.1:22", Transport.Tcp);
        Assert.Equal(Initiator.Source, r.Record.Initiator);
    }

    [Fact]
    public void Asa_teardown_states_no_initiator()
    {
        AlertTextResult r = ParseBoth("%ASA-6-302014: Teardown TCP connection 184467 for outside:198.51.100.7/54321 to inside:10.0.0.25/3389 duration 0:01:02 bytes 48213 TCP FINs");
        AssertFlow(r, AlertFormat.CiscoAsa, "198.51.100.7:54321", "10.0.0.25:3389", Transport.Tcp);
        Assert.Equal(Initiator.Unknown, r.Record.Initiator);
    }

    [Fact]
    public void Asa_udp_teardown_and_ftd_prefix()
    {
        AlertTextResult r = ParseBoth("%FTD-6-302016: Teardown UDP connection 41 for outside:192.0.2.53/53 to inside:10.0.0.14/58912 duration 0:02:01 bytes 120");
        AssertFlow(r, AlertFormat.CiscoAsa, "192.0.2.53:53", "10.0.0.14:58912", Transport.Udp);
    }

    [Fact]
    public void Asa_ipv6_built_connection()
    {
        AlertTextResult r = ParseBoth("%ASA-6-302013: Built outbound TCP connection 77 for outside:2001:db8::80/443 (2001:db8::80/443) to inside:2001:db8:1::5/50000 (2001:db8:1::5/50000)");
        AssertFlow(r, AlertFormat.CiscoAsa, "[2001:db8::80]:443", "[2001:db8:1::5]:50000", Transport.Tcp);
        Assert.Equal(Initiator.Destination, r.Record.Initiator);
    }

    [Fact]
    public void Asa_deny_message_reads_src_and_dst_with_slash_ports()
    {
        AlertTextResult r = ParseBoth("<164>Jan 15 10:28:50 asa01 : %ASA-4-106023: Deny tcp src outside:203.0.113.66/40122 dst inside:10.0.0.9/23 by access-group \"outside_in\" [0x0, 0x0]");
        AssertFlow(r, AlertFormat.CiscoAsa, "203.0.113.66:40122", "10.0.0.9:23", Transport.Tcp);
    }

    [Fact]
    public void Asa_inbound_denied_from_to_with_syn()
    {
        AlertTextResult r = ParseBoth("%ASA-2-106001: Inbound TCP connection denied from 198.51.100.3/4455 to 10.0.0.5/445 flags SYN on interface outside");
        AssertFlow(r, AlertFormat.CiscoAsa, "198.51.100.3:4455", "10.0.0.5:445", Transport.Tcp);
        Assert.Equal(TcpFlags.Syn, r.Record.FirstPacketFlags);
    }

    [Fact]
    public void Asa_built_message_without_to_side_is_an_error()
    {
        AlertTextResult r = ParseBoth("%ASA-6-302013: Built inbound TCP connection 184467 for outside:198.51.100.7/54321");
        Assert.Equal(AlertTextStatus.MissingField, r.Status);
        Assert.Equal("the Cisco ASA line has no 'to' endpoint field", r.Message);
    }

    [Fact]
    public void PanOs_traffic_csv_in_syslog()
    {
        AlertTextResult r = ParseBoth("<14>Jan 15 10:29:03 PA-VM 1,2024/01/15 10:29:03,012801000001,TRAFFIC,end,2561,2024/01/15 10:29:02,10.0.0.42,93.184.216.34,"
            + "203.0.113.9,93.184.216.34,allow-web,,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,default,2024/01/15 10:29:02,88231,1,50514,443,41022,443,"
            + "0x400053,tcp,allow,5120,1200,3920,14,2024/01/15 10:28:50,12,any,,7300000000000000001,0x0,10.0.0.0-10.255.255.255,United States,,8,6,tcp-fin");
        AssertFlow(r, AlertFormat.PaloAltoTraffic, "10.0.0.42:50514", "93.184.216.34:443", Transport.Tcp);
        Assert.Equal(Initiator.Source, r.Record.Initiator);
        Assert.Equal(InitiatorSource.Perimeter, r.Record.InitiatorSource);
    }

    [Fact]
    public void PanOs_traffic_with_a_quoted_user_holding_commas()
    {
        AlertTextResult r = ParseBoth("1,2024/01/15 10:29:03,012801000001,TRAFFIC,drop,2561,2024/01/15 10:29:02,198.51.100.20,10.0.0.5,0.0.0.0,0.0.0.0,deny-all,"
            + "\"corp\\smith, john\",,not-applicable,vsys1,untrust,trust,ethernet1/1,,default,2024/01/15 10:29:02,0,1,61000,3389,0,0,0x0,tcp,deny,60,60,0,1");
        AssertFlow(r, AlertFormat.PaloAltoTraffic, "198.51.100.20:61000", "10.0.0.5:3389", Transport.Tcp);
    }

    [Fact]
    public void PanOs_traffic_cut_short_is_an_error()
    {
        AlertTextResult r = ParseBoth("1,2024/01/15 10:29:03,012801000001,TRAFFIC,end,2561,2024/01/15 10:29:02,10.0.0.42,93.184.216.34");
        Assert.Equal(AlertTextStatus.MissingField, r.Status);
        Assert.Equal(AlertFormat.PaloAltoTraffic, r.Format);
    }

    [Fact]
    public void Tcpdump_ipv4_syn()
    {
        AlertTextResult r = ParseBoth("10:31:12.345678 IP 10.0.0.8.45822 > 93.184.216.34.80: Flags [S], seq 123456789, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0");
        AssertFlow(r, AlertFormat.Tcpdump, "10.0.0.8:45822", "93.184.216.34:80", Transport.Tcp);
        Assert.Equal(TcpFlags.Syn, r.Record.FirstPacketFlags);
    }

    [Fact]
    public void Tcpdump_syn_ack_from_the_server()
    {
        AlertTextResult r = ParseBoth("10:31:12.355678 IP 93.184.216.34.80 > 10.0.0.8.45822: Flags [S.], seq 1, ack 123456790, win 65535, length 0");
        AssertFlow(r, AlertFormat.Tcpdump, "93.184.216.34:80", "10.0.0.8:45822", Transport.Tcp);
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, r.Record.FirstPacketFlags);
    }

    [Fact]
    public void Tcpdump_ipv6()
    {
        AlertTextResult r = ParseBoth("10:32:00.000001 IP6 2001:db8::10.51234 > 2001:db8:1::53.53: 1234+ AAAA? example.org. (29)");
        AssertFlow(r, AlertFormat.Tcpdump, "[2001:db8::10]:51234", "[2001:db8:1::53]:53", Transport.Unknown);
    }

    [Theory]
    [InlineData("Connection from [2001:db8::5]:61001 to [2001:db8::80]:8080", "[2001:db8::5]:61001", "[2001:db8::80]:8080")]
    [InlineData("[fe80::1%eth0]:50000 -> [fe80::2]:22", "[fe80::1]:50000", "[fe80::2]:22")]
    [InlineData("src=2001:db8::5 spt=61001 dst=2001:db8::80 dpt=8080 proto=tcp", "[2001:db8::5]:61001", "[2001:db8::80]:8080")]
    [InlineData("from ::ffff:10.0.0.5 port 50000 to ::1 port 22", "[::ffff:10.0.0.5]:50000", "[::1]:22")]
    public void Ipv6_endpoints(string line, string source, string destination)
    {
        AlertTextResult r = ParseBoth(line);
        Assert.True(r.IsSuccess, r.Message);
        Assert.Equal(source, r.Record.Source.ToString());
        Assert.Equal(destination, r.Record.Destination.ToString());
    }

    [Fact]
    public void Sshd_connection_line()
    {
        AlertTextResult r = ParseBoth("Jan 15 10:33:21 web01 sshd[2211]: Connection from 198.51.100.14 port 50122 on 10.0.0.12 port 22 rdomain \"\"");
        AssertFlow(r, AlertFormat.FreeText, "198.51.100.14:50122", "10.0.0.12:22", Transport.Unknown);
    }

    [Fact]
    public void Syslog_host_address_is_not_an_endpoint()
    {
        AlertTextResult r = ParseBoth("<30>Jan 15 10:40:00 192.0.2.254 alertd: 10.0.0.5:53210 -> 192.168.1.100:443 blocked");
        AssertFlow(r, AlertFormat.FreeText, "10.0.0.5:53210", "192.168.1.100:443", Transport.Unknown);
    }

    [Fact]
    public void Rfc5424_structured_data_is_skipped()
    {
        AlertTextResult r = ParseBoth("<165>1 2024-01-15T10:41:00.003Z 192.0.2.254 alertd 811 ID47 [origin ip=\"192.0.2.254\"][meta x=\"a]b\"] src=10.0.0.5 spt=53210 dst=192.168.1.100 dpt=443 proto=udp");
        AssertFlow(r, AlertFormat.KeyValue, "10.0.0.5:53210", "192.168.1.100:443", Transport.Udp);
    }

    [Fact]
    public void Vendor_key_value_line()
    {
        AlertTextResult r = ParseBoth("date=2024-01-15 time=10:35:01 devname=\"fg01\" type=\"traffic\" subtype=\"forward\" srcip=10.0.0.33 srcport=55311 dstip=203.0.113.80 dstport=3306 proto=6 action=\"deny\"");
        AssertFlow(r, AlertFormat.KeyValue, "10.0.0.33:55311", "203.0.113.80:3306", Transport.Tcp);
    }

    [Fact]
    public void Windows_filtering_platform_event_text()
    {
        AlertTextResult r = ParseBoth("The Windows Filtering Platform has permitted a connection. Direction: Outbound Source Address: 10.0.0.7 Source Port: 50912 "
            + "Destination Address: 198.51.100.200 Destination Port: 4444 Protocol: 6");
        AssertFlow(r, AlertFormat.FreeText, "10.0.0.7:50912", "198.51.100.200:4444", Transport.Tcp);
    }

    [Theory]
    [InlineData("TCP 10.0.0.5:53210 -> 192.168.1.100:443", Transport.Tcp)]
    [InlineData("udp 10.0.0.5:53210 -> 192.168.1.100:53", Transport.Udp)]
    [InlineData("proto=17 10.0.0.5:53210 -> 192.168.1.100:53", Transport.Udp)]
    [InlineData("PROTO=6 10.0.0.5:53210 -> 192.168.1.100:443", Transport.Tcp)]
    [InlineData("TCP or UDP 10.0.0.5:53210 -> 192.168.1.100:53", Transport.Unknown)]
    public void Transport_from_text(string line, Transport transport)
    {
        AlertTextResult r = ParseBoth(line);
        Assert.True(r.IsSuccess, r.Message);
        Assert.Equal(transport, r.Record.Transport);
    }

    [Fact]
    public void Icmp_without_ports_is_a_flow()
    {
        AlertTextResult r = ParseBoth("ICMP echo from 10.0.0.5 to 8.8.8.8");
        AssertFlow(r, AlertFormat.FreeText, "10.0.0.5:0", "8.8.8.8:0", Transport.Icmp);
    }

    [Theory]
    [InlineData("", AlertTextStatus.Empty, "the text is empty")]
    [InlineData("   \t ", AlertTextStatus.Empty, "the text is empty")]
    [InlineData("hello world, nothing to see", AlertTextStatus.NoEndpoint, "no endpoint: the text holds no IP address")]
    [InlineData("Failed password for root from 10.0.0.5", AlertTextStatus.OneEndpoint, "one endpoint only (10.0.0.5, no port): a flow needs two")]
    [InlineData("Accepted password for root from 10.0.0.5 port 53210 ssh2", AlertTextStatus.OneEndpoint, "one endpoint only (10.0.0.5:53210): a flow needs two")]
    [InlineData("10.0.0.5:1 10.0.0.6:2 10.0.0.7:3", AlertTextStatus.TooManyEndpoints, "3 endpoints and nothing says which is the source and which the destination: cannot tell direction")]
    [InlineData("Source: 10.0.0.5 -> Destination: 192.168.1.100", AlertTextStatus.MissingPort, "two endpoints (10.0.0.5 and 192.168.1.100) but neither has a port, and the text states no portless transport such as ICMP")]
    [InlineData("Source: 10.0.0.5:5000 -> Destination: 192.168.1.100", AlertTextStatus.MissingPort, "two endpoints (10.0.0.5:5000 and 192.168.1.100) but 192.168.1.100 has no port, and the text states no portless transport such as ICMP")]
    [InlineData("src=10.0.0.5:1 src=10.0.0.6:2 dst=10.0.0.7:3", AlertTextStatus.Conflicting, "contradictory text: the source endpoint is given twice with different values at position 20")]
    [InlineData("SPT=1 SPT=2 SRC=10.0.0.5 DST=10.0.0.6 PROTO=TCP DPT=3", AlertTextStatus.Conflicting, "contradictory text: the source port is given twice with different values at position 10")]
    [InlineData("version 1.2.3.4.5.6 of 10.0.0.0/8", AlertTextStatus.NoEndpoint, "no endpoint: the text holds no IP address")]
    [InlineData("at 10:23:45 MAC 00:0c:29:3e:5b:7a", AlertTextStatus.NoEndpoint, "no endpoint: the text holds no IP address")]
    [InlineData("999.1.2.3:80 -> 1.2.3:80", AlertTextStatus.NoEndpoint, "no endpoint: the text holds no IP address")]
    public void Garbage_and_ambiguous_text_are_error_values(string line, AlertTextStatus status, string message)
    {
        AlertTextResult r = ParseBoth(line);
        Assert.Equal(status, r.Status);
        Assert.Equal(message, r.Message);
        Assert.False(r.IsSuccess);
    }

    [Fact]
    public void Too_long_text_is_an_error_value()
    {
        string line = "10.0.0.5:1 -> 10.0.0.6:2 " + new string('x', AlertTextParser.MaxLength);
        Assert.Equal(AlertTextStatus.TooLong, ParseBoth(line).Status);
    }

    [Fact]
    public void Null_string_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => AlertTextParser.Parse((string)null!));
    }

    [Fact]
    public void Every_sample_alert_is_read()
    {
        string[] lines = File.ReadAllLines(TestPaths.InRepo("samples", "alerts.txt"));
        Assert.True(lines.Length >= 15);
        foreach (string line in lines)
        {
            AlertTextResult r = ParseBoth(line);
            Assert.True(r.IsSuccess, line + " => " + r.Message);
        }

        // Every format is represented.
        var formats = lines.Select(l => AlertTextParser.Parse(l).Format).Distinct().ToArray();
        foreach (AlertFormat f in Enum.GetValues(typeof(AlertFormat)))
        {
            if (f != AlertFormat.Unknown)
            {
                Assert.Contains(f, formats);
            }
        }
    }

    [Fact]
    public void Every_prefix_and_suffix_of_every_sample_reads_without_throwing()
    {
        // Cut lines are what a truncating log pipeline delivers: each must give a result or an error value.
        foreach (string line in File.ReadAllLines(TestPaths.InRepo("samples", "alerts.txt")))
        {
            for (int cut = 0; cut <= line.Length; cut++)
            {
                AlertTextResult head = ParseBoth(line.Substring(0, cut));
                AlertTextResult tail = ParseBoth(line.Substring(cut));
                Assert.False(string.IsNullOrEmpty(head.Message));
                Assert.False(string.IsNullOrEmpty(tail.Message));
            }
        }
    }

    [Fact]
    public void Random_bytes_and_address_soup_read_without_throwing()
    {
        var random = new Random(6);
        const string alphabet = "0123456789abcdefABCDEF:.[]/%-><=, \t|\"'SRCDTPsrcdtport→";
        for (int n = 0; n < 5000; n++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            AlertTextParser.Parse(bytes);

            var chars = new char[random.Next(0, 200)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            AlertTextResult r = AlertTextParser.Parse(new string(chars));
            Assert.False(string.IsNullOrEmpty(r.Message));
        }
    }

    [Fact]
    public void Parsing_allocates_nothing_per_line()
    {
        string[] lines = File.ReadAllLines(TestPaths.InRepo("samples", "alerts.txt"));
        byte[][] utf8 = lines.Select(Encoding.UTF8.GetBytes).ToArray();
        long allocated = Allocations.Measure(() =>
        {
            for (int k = 0; k < 50; k++)
            {
                foreach (string line in lines)
                {
                    AlertTextParser.Parse(line.AsSpan());
                }

                foreach (byte[] bytes in utf8)
                {
                    AlertTextParser.Parse(bytes);
                }
            }
        });
        Assert.Equal(0, allocated);
    }
}
