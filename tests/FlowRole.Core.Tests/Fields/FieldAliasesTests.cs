using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;
using Xunit;
using static FlowRole.Tests.Fields.BindHelper;

namespace FlowRole.Tests.Fields;

public class FieldAliasesTests
{
    [Fact]
    public void Splunk_cim_fields_bind()
    {
        FlowRecord r = BindOk(new[] { "src", "src_port", "dest", "dest_port", "transport", "tcp_flag", "bytes_out", "bytes_in", "packets_out", "packets_in" },
            "10.0.0.5", "51515", "93.184.216.34", "443", "tcp", "SYN", "120", "4000", "3", "5");
        Assert.Equal(IpAddress.Parse("10.0.0.5"), r.Source.Address);
        Assert.Equal(51515, r.Source.Port);
        Assert.Equal(IpAddress.Parse("93.184.216.34"), r.Destination.Address);
        Assert.Equal(443, r.Destination.Port);
        Assert.Equal(Transport.Tcp, r.Transport);
        Assert.True(r.HasFirstPacketFlags);
        Assert.Equal(TcpFlags.Syn, r.FirstPacketFlags);
        Assert.Equal((120, 4000, 3, 5), (r.Volume.SourceBytes, r.Volume.DestinationBytes, r.Volume.SourcePackets, r.Volume.DestinationPackets));
    }

    [Fact]
    public void Ecs_source_destination_and_client_server_bind()
    {
        string[] columns = { "source.ip", "source.port", "destination.ip", "destination.port", "network.transport", "client.ip", "client.port" };

        // The event's source is the server here: the client names the destination side.
        FlowRecord r = BindOk(columns, "10.0.0.9", "443", "10.0.0.7", "50000", "tcp", "10.0.0.7", "50000");
        Assert.Equal(Initiator.Destination, r.Initiator);
        Assert.Equal(InitiatorSource.Explicit, r.InitiatorSource);

        r = BindOk(columns, "10.0.0.7", "50000", "10.0.0.9", "443", "tcp", "10.0.0.7", "50000");
        Assert.Equal(Initiator.Source, r.Initiator);

        // A client that is neither side says nothing.
        r = BindOk(columns, "10.0.0.7", "50000", "10.0.0.9", "443", "tcp", "192.0.2.1", "50000");
        Assert.Equal(Initiator.Unknown, r.Initiator);
    }

    [Fact]
    public void Ecs_client_server_alone_are_the_endpoints_and_name_the_initiator()
    {
        FlowRecord r = BindOk(new[] { "client.ip", "client.port", "server.ip", "server.port", "network.iana_number" },
            "2001:db8::1", "40000", "2001:db8::2", "22", "6");
        Assert.Equal(IpAddress.Parse("2001:db8::1"), r.Source.Address);
        Assert.Equal(22, r.Destination.Port);
        Assert.Equal(Transport.Tcp, r.Transport);
        Assert.Equal(Initiator.Source, r.Initiator);
        Assert.Equal(InitiatorSource.Explicit, r.InitiatorSource);
    }

    [Fact]
    public void Zeek_conn_fields_bind()
    {
        FlowRecord r = BindOk(new[] { "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "history", "conn_state", "orig_bytes", "resp_bytes", "orig_pkts", "resp_pkts" },
            "1.0", "C1", "192.168.1.2", "40000", "192.168.1.1", "53", "udp", "Dd", "SF", "40", "-", "1", "1");
        Assert.Equal(Transport.Udp, r.Transport);
        Assert.True(r.History.IsPresent);
        Assert.Equal('D', r.History.FirstEvent);
        Assert.Equal(ConnState.SF, r.ConnState);
        Assert.True(r.Volume.IsKnown);
        Assert.Equal(40, r.Volume.SourceBytes);
        Assert.Equal(-1, r.Volume.DestinationBytes); // "-" is unset.
    }

    [Fact]
    public void Suricata_flow_events_are_oriented_by_suricata_and_other_events_are_not_flows()
    {
        string[] columns = { "event_type", "src_ip", "src_port", "dest_ip", "dest_port", "proto", "flow.bytes_toserver", "flow.bytes_toclient", "flow.pkts_toserver", "flow.pkts_toclient" };
        FlowRecord r = BindOk(columns, "flow", "10.0.0.1", "50000", "10.0.0.2", "80", "TCP", "100", "2000", "4", "6");
        Assert.Equal(Initiator.Source, r.Initiator);
        Assert.Equal(InitiatorSource.Suricata, r.InitiatorSource);
        Assert.Equal(2000, r.Volume.DestinationBytes);

        r = BindOk(columns, "netflow", "10.0.0.2", "80", "10.0.0.1", "50000", "TCP", null, null, null, null);
        Assert.Equal(Initiator.Unknown, r.Initiator);

        Assert.Equal("event_type: 'alert' is not a flow record (only Suricata flow and netflow events are classified)",
            BindError(columns, "alert", "10.0.0.1", "50000", "10.0.0.2", "80", "TCP", null, null, null, null));
    }

    [Fact]
    public void Suricata_icmp_flows_take_type_and_code_from_their_own_fields()
    {
        FlowRecord r = BindOk(new[] { "event_type", "src_ip", "dest_ip", "proto", "icmp_type", "icmp_code" },
            "flow", "10.0.0.1", "10.0.0.2", "ICMP", "8", "0");
        Assert.Equal(Transport.Icmp, r.Transport);
        Assert.Equal(8, r.Source.Port);
        Assert.Equal(0, r.Destination.Port);
    }

    [Fact]
    public void Sysmon_initiated_names_the_initiator()
    {
        string[] columns = { "SourceIp", "SourcePort", "DestinationIp", "DestinationPort", "Protocol", "Initiated", "SourceIsIpv6" };
        FlowRecord r = BindOk(columns, "10.0.0.5", "50000", "10.0.0.9", "445", "tcp", "true", "false");
        Assert.Equal(Initiator.Source, r.Initiator);
        Assert.Equal(InitiatorSource.Sysmon, r.InitiatorSource);

        r = BindOk(columns, "10.0.0.9", "3389", "10.0.0.5", "50000", "tcp", "false", "false");
        Assert.Equal(Initiator.Destination, r.Initiator);

        Assert.Equal("Initiated: 'maybe' is not true or false", BindError(columns, "10.0.0.5", "1", "10.0.0.9", "2", "tcp", "maybe", "false"));
    }

    [Fact]
    public void Get_NetTCPConnection_rows_bind_as_tcp_with_the_state_as_evidence()
    {
        string[] columns = { "LocalAddress", "LocalPort", "RemoteAddress", "RemotePort", "State", "OwningProcess" };
        FlowRecord r = BindOk(columns, "192.168.1.20", "50123", "140.82.112.3", "443", "Established", "4242");
        Assert.Equal(Transport.Tcp, r.Transport);
        Assert.Equal(Initiator.Unknown, r.Initiator);

        r = BindOk(columns, "192.168.1.20", "50124", "140.82.112.3", "443", "SynSent", "4242");
        Assert.Equal(Initiator.Source, r.Initiator);

        r = BindOk(columns, "192.168.1.20", "3389", "203.0.113.9", "61000", "4", "4242"); // SynReceived, as ConvertTo-Json writes it
        Assert.Equal(Initiator.Destination, r.Initiator);

        Assert.Equal("State: 'Listen' is a listening socket, not a connection", BindError(columns, "0.0.0.0", "445", "0.0.0.0", "0", "Listen", "4"));
        Assert.Equal("State: 'Sideways' is not a TCP connection state (Listen, SynSent, SynReceived, Established, ...)",
            BindError(columns, "192.168.1.20", "1", "192.168.1.21", "2", "Sideways", "4"));
    }

    [Fact]
    public void Windows_firewall_log_fields_bind()
    {
        string[] columns = { "date", "time", "action", "protocol", "src-ip", "dst-ip", "src-port", "dst-port", "size", "tcpflags", "tcpsyn", "tcpack", "tcpwin", "icmptype", "icmpcode", "info", "path", "pid" };
        FlowRecord r = BindOk(columns, "2026-08-01", "10:00:00", "ALLOW", "TCP", "10.0.0.5", "10.0.0.10", "52341", "3389", "0", "-", "-", "-", "-", "-", "-", "-", "RECEIVE", "4");
        Assert.Equal(Transport.Tcp, r.Transport);
        Assert.Equal(3389, r.Destination.Port);
        Assert.Equal(Initiator.Source, r.Initiator);
        Assert.Equal(InitiatorSource.Firewall, r.InitiatorSource);
        Assert.False(r.HasFirstPacketFlags);

        r = BindOk(columns, "2026-08-01", "10:00:01", "DROP", "ICMP", "203.0.113.5", "10.0.0.10", "-", "-", "60", "-", "-", "-", "-", "8", "0", "-", "RECEIVE", "0");
        Assert.Equal(Transport.Icmp, r.Transport);
        Assert.Equal(8, r.Source.Port);

        r = BindOk(columns, "2026-08-01", "10:00:02", "DROP", "TCP", "203.0.113.5", "10.0.0.10", "40000", "23", "44", "S", "1", "0", "1024", "-", "-", "-", "RECEIVE", "0");
        Assert.Equal(TcpFlags.Syn, r.FirstPacketFlags);

        Assert.Equal("path: 'SIDEWAYS' is not a firewall path (SEND, RECEIVE, FORWARD or UNKNOWN)",
            BindError(columns, "2026-08-01", "10:00:00", "ALLOW", "TCP", "10.0.0.5", "10.0.0.10", "1", "2", "0", "-", "-", "-", "-", "-", "-", "-", "SIDEWAYS", "4"));
    }

    [Fact]
    public void Ocsf_and_wfp_fields_bind()
    {
        FlowRecord r = BindOk(new[] { "src_endpoint.ip", "src_endpoint.port", "dst_endpoint.ip", "dst_endpoint.port", "connection_info.protocol_num", "connection_info.initiator_id", "traffic.bytes_out", "traffic.bytes_in" },
            "10.1.1.1", "5000", "10.1.1.2", "80", "6", "2", "10", "20");
        Assert.Equal(Transport.Tcp, r.Transport);
        Assert.Equal(Initiator.Destination, r.Initiator);
        Assert.Equal(10, r.Volume.SourceBytes);

        r = BindOk(new[] { "SourceAddress", "SourcePort", "DestAddress", "DestPort", "Protocol" }, "10.1.1.1", "5000", "10.1.1.2", "88", "17");
        Assert.Equal(Transport.Udp, r.Transport);
        Assert.Equal(88, r.Destination.Port);

        Assert.Equal("connection_info.initiator_id: '7' is not an OCSF initiator_id (0, 1, 2 or 99)",
            BindError(new[] { "src_endpoint.ip", "src_endpoint.port", "dst_endpoint.ip", "dst_endpoint.port", "connection_info.initiator_id" }, "10.1.1.1", "1", "10.1.1.2", "2", "7"));
    }

    [Fact]
    public void Exact_spelling_wins_over_a_case_insensitive_match_then_alias_order_decides()
    {
        var binder = new FlowRecordBinder(new[] { "SRC_IP", "src", "source.ip" });
        Assert.Equal(new[] { 2, 1, 0 }, binder.CandidatesOf(FlowField.SourceAddress));

        binder = new FlowRecordBinder(new[] { "src", "id.orig_h", "src_ip" });
        Assert.Equal(new[] { 2, 1, 0 }, binder.CandidatesOf(FlowField.SourceAddress));
        Assert.Equal("src_ip", binder.ColumnOf(FlowField.SourceAddress));
    }

    [Fact]
    public void Each_row_uses_the_first_candidate_that_has_a_value()
    {
        // A Splunk result mixing Sysmon and CIM events: each row fills different columns.
        string[] columns = { "src_ip", "SourceIp", "dest_ip", "DestinationIp", "src_port", "SourcePort", "dest_port", "DestinationPort", "transport", "Protocol" };
        FlowRecord r = BindOk(columns, null, "10.0.0.1", "", "10.0.0.2", "-", "1000", null, "22", null, "tcp");
        Assert.Equal(IpAddress.Parse("10.0.0.1"), r.Source.Address);
        Assert.Equal(22, r.Destination.Port);

        r = BindOk(columns, "10.0.0.3", "10.0.0.1", "10.0.0.4", null, "2000", null, "80", null, "tcp", null);
        Assert.Equal(IpAddress.Parse("10.0.0.3"), r.Source.Address);
        Assert.Equal(80, r.Destination.Port);
    }

    [Fact]
    public void Generic_names_bind_only_beside_their_schema_anchor()
    {
        // `path` in ordinary data (a file path) is not a firewall path; `State` without LocalAddress is not a socket state.
        var binder = new FlowRecordBinder(new[] { "src_ip", "dest_ip", "src_port", "dest_port", "path", "State", "Initiated", "event_type" });
        Assert.False(binder.IsBound(FlowField.FirewallPath));
        Assert.False(binder.IsBound(FlowField.SocketState));
        Assert.False(binder.IsBound(FlowField.SysmonInitiated));
        Assert.True(binder.IsBound(FlowField.EventType));

        FlowRecord r = BindOk(new[] { "src_ip", "dest_ip", "src_port", "dest_port", "path" }, "10.0.0.1", "10.0.0.2", "1", "2", "/var/log/x");
        Assert.Equal(Initiator.Unknown, r.Initiator);
    }

    [Fact]
    public void A_later_transport_candidate_decides_when_an_earlier_one_says_unknown()
    {
        // CIM fills `transport` with "unknown"; `protocol` is L3 by definition but often the transport.
        FlowRecord r = BindOk(new[] { "src", "dest", "src_port", "dest_port", "transport", "protocol" }, "10.0.0.1", "10.0.0.2", "1", "2", "unknown", "udp");
        Assert.Equal(Transport.Udp, r.Transport);

        r = BindOk(new[] { "src", "dest", "src_port", "dest_port", "transport", "protocol" }, "10.0.0.1", "10.0.0.2", "1", "2", "tcp", "ip");
        Assert.Equal(Transport.Tcp, r.Transport);
    }

    [Fact]
    public void Overrides_replace_the_aliases()
    {
        var overrides = new Dictionary<FlowField, string> { [FlowField.SourceAddress] = "a", [FlowField.DestinationAddress] = "b" };
        string[] columns = { "src_ip", "a", "b", "src_port", "dest_port" };
        var (ok, r, _) = Bind(columns, new[] { "10.9.9.9", "10.0.0.1", "10.0.0.2", "1", "2" }, overrides);
        Assert.True(ok);
        Assert.Equal(IpAddress.Parse("10.0.0.1"), r.Source.Address);

        var missing = new Dictionary<FlowField, string> { [FlowField.SourceAddress] = "nope" };
        var binder = new FlowRecordBinder(columns, missing);
        Assert.Equal(new[] { FlowField.SourceAddress }, binder.UnresolvedOverrides);
        Assert.Equal("src=nope: the input has no column 'nope'", binder.HeaderError.Message);
        var (ok2, _, error) = Bind(columns, new[] { "10.9.9.9", "10.0.0.1", "10.0.0.2", "1", "2" }, missing);
        Assert.False(ok2);
        Assert.Equal(FieldErrorKind.OverrideColumnMissing, error.Kind);
    }

    [Fact]
    public void Every_field_has_aliases_a_parameter_name_and_a_display_name()
    {
        var parameterNames = new HashSet<string>();
        foreach (FlowField field in FieldAliases.Fields)
        {
            Assert.NotEmpty(FieldAliases.For(field));
            Assert.All(FieldAliases.For(field), a => Assert.Equal(field, a.Field));
            Assert.True(parameterNames.Add(FieldAliases.ParameterName(field)));
            Assert.True(FieldAliases.TryParseParameterName(FieldAliases.ParameterName(field).ToUpperInvariant(), out FlowField back));
            Assert.Equal(field, back);
            Assert.False(string.IsNullOrWhiteSpace(FieldAliases.DisplayName(field)));
        }

        Assert.Equal(Enum.GetValues(typeof(FlowField)).Length, FieldAliases.Fields.Count);
        Assert.False(FieldAliases.TryParseParameterName("nonsense", out _));
    }

    [Fact]
    public void Descriptions_are_the_xml_documentation_of_the_enum()
    {
        string xmlPath = Path.ChangeExtension(typeof(FlowField).Assembly.Location, ".xml");
        Assert.True(File.Exists(xmlPath), "Core's XML documentation is copied beside the assembly: " + xmlPath);
        XDocument doc = XDocument.Load(xmlPath);
        foreach (FlowField field in FieldAliases.Fields)
        {
            string member = "F:FlowRole.Fields.FlowField." + field;
            XElement? summary = doc.Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == member)?.Element("summary");
            Assert.NotNull(summary);
            string text = string.Join(" ", summary!.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(text, FieldAliases.Describe(field));
        }
    }
}
