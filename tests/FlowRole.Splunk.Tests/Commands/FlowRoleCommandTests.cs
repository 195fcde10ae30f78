using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Policy;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Tests.Infrastructure;
using Xunit;

namespace FlowRole.Splunk.Tests.Commands;

public sealed class FlowRoleCommandTests
{
    private const string Cmd = FlowRoleCommand.CommandName;

    private static readonly string[] CimHeader = ["_time", "src_ip", "src_port", "dest_ip", "dest_port", "transport", "_chunked_idx", "__mv__time", "__mv_src_ip", "__mv__chunked_idx"];

    /// <summary>What Core itself says for a record: the adapter must render exactly this.</summary>
    private static Dictionary<string, string> Expected(Classifier classifier, string src, ushort srcPort, string dest, ushort destPort, Transport transport)
    {
        var record = new FlowRecord(IpAddress.Parse(src), srcPort, IpAddress.Parse(dest), destPort, transport);
        FlowResult result = classifier.Classify(record);
        var formatter = new FlowResultFormatter(classifier);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (OutputField field in OutputContract.ClassificationFields)
        {
            string name = OutputContract.NameOf(field);
            if (OutputContract.IsMultivalue(field))
            {
                IReadOnlyList<string> values = formatter.GetStrings(field, result);
                expected[name] = string.Join("\n", values);
                expected["__mv_" + name] = values.Count > 1 ? string.Join(";", values.Select(v => "$" + v.Replace("$", "$$", StringComparison.Ordinal) + "$")) : "";
            }
            else
            {
                expected[name] = formatter.Format(field, result);
            }
        }

        expected[OutputContract.ErrorFieldName] = "";
        return expected;
    }

    private static void AssertContains(Dictionary<string, string> expected, Dictionary<string, string> actual)
    {
        foreach (KeyValuePair<string, string> pair in expected)
        {
            Assert.True(actual.TryGetValue(pair.Key, out string? value), "missing " + pair.Key);
            Assert.True(pair.Value == value, pair.Key + ": expected '" + pair.Value + "', got '" + value + "'");
        }
    }

    [Fact]
    public void Getinfo_asks_for_the_cim_names_and_core_aliases()
    {
        CommandRun run = CommandRun.Execute(Cmd, []);
        Assert.Equal(0, run.Host.ExitCode);
        Assert.Equal("streaming", run.GetInfo.Metadata.GetProperty("type").GetString());
        string[] required = run.RequiredFields;
        foreach (string name in new[] { "src_ip", "src", "src_port", "dest_ip", "dest", "dest_port", "transport", "tcp_flag", "id.orig_h", "id.resp_p", "SourceIp", "history", "conn_state" })
        {
            Assert.Contains(name, required);
        }

        Assert.Contains("direction", required);
        Assert.Contains("flowrole_error", required);
        Assert.Equal(required.Length, required.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Overrides_replace_the_aliases_in_required_fields()
    {
        CommandRun run = CommandRun.Execute(Cmd, ["src=a", "dest=b", "src_port=c", "dest_port=d", "transport=e", "flags=f", "prefix=fr_"]);
        string[] required = run.RequiredFields;
        Assert.Equal(["a", "c", "b", "d"], required.Take(4));
        Assert.Contains("e", required);
        Assert.Contains("f", required);
        Assert.DoesNotContain("source.ip", required);
        Assert.DoesNotContain("tcp_flag", required);
        Assert.DoesNotContain("id.orig_h", required);
        Assert.Contains("history", required);
        Assert.Contains("fr_direction", required);
    }

    [Fact]
    public void Classifies_cim_records_exactly_as_core_does_and_keeps_every_input_field()
    {
        string body = CommandRun.Csv(CimHeader,
            ["1599171244.277", "10.1.2.3", "51515", "93.184.216.34", "443", "tcp", "0", "", "", ""],
            ["1599171244.278", "93.184.216.34", "443", "10.1.2.3", "51515", "tcp", "1", "", "", ""],
            ["1599171244.279", "81.2.69.142", "50123", "10.1.2.3", "3389", "6", "2", "", "", ""],
            ["1599171244.280", "fd00::1", "5353", "ff02::fb", "5353", "udp", "3", "", "", ""]);
        CommandRun run = CommandRun.Execute(Cmd, [], body);
        Assert.Equal(0, run.Host.ExitCode);
        List<Dictionary<string, string>> records = run.Records();
        Assert.Equal(4, records.Count);
        Assert.Empty(run.Replies[1].Messages);

        Classifier core = Classifier.Default;
        AssertContains(Expected(core, "10.1.2.3", 51515, "93.184.216.34", 443, Transport.Tcp), records[0]);
        AssertContains(Expected(core, "93.184.216.34", 443, "10.1.2.3", 51515, Transport.Tcp), records[1]);
        AssertContains(Expected(core, "81.2.69.142", 50123, "10.1.2.3", 3389, Transport.Tcp), records[2]);
        AssertContains(Expected(core, "fd00::1", 5353, "ff02::fb", 5353, Transport.Udp), records[3]);

        // Sanity on what the contract promises, independent of Core's internals.
        Assert.Equal("10.1.2.3", records[0]["client_ip"]);
        Assert.Equal("443", records[0]["server_port"]);
        Assert.Equal("10.1.2.3", records[1]["client_ip"]);
        Assert.Equal("true", records[1]["swapped"]);

        // Input fields intact, _chunked_idx untouched and in order.
        Assert.Equal(["0", "1", "2", "3"], records.Select(r => r["_chunked_idx"]));
        Assert.Equal("tcp", records[2]["transport"]);
        Assert.Equal("1599171244.279", records[2]["_time"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Endpoint_text_copied_from_a_plain_header_is_exactly_what_core_formats(bool withRaw)
    {
        // A plain header (the writer copies canonical endpoint text from the cells), with text that is not canonical:
        // zero-padded octets and ports, padding, IPv4-mapped and uncompressed IPv6; each row in both orientations.
        // With raw= the writer formats every endpoint; both must give Core's text.
        (string Src, string SrcPort, string Dest, string DestPort)[] rows =
        [
            ("10.1.2.3", "51515", "93.184.216.34", "443"),
            ("010.001.002.003", "080", "10.1.2.3", "51515"),
            (" 10.1.2.3", " 51515", "93.184.216.34 ", "443 "),
            ("10.1.2.3", "00443", "192.168.100.200", "065535"),
            ("::ffff:10.1.2.3", "51515", "10.9.9.9", "22"),
            ("fe80:0:0:0:0:0:0:0001", "51515", "FE80::2", "443"),
            ("1.2.3.4", "0", "255.255.255.255", "65535"),
        ];
        var lines = new List<string[]>();
        foreach (var r in rows)
        {
            lines.Add([r.Src, r.SrcPort, r.Dest, r.DestPort, "tcp"]);
            lines.Add([r.Dest, r.DestPort, r.Src, r.SrcPort, "tcp"]);
        }

        string body = CommandRun.Csv([["src_ip", "src_port", "dest_ip", "dest_port", "transport", .. (withRaw ? new[] { "_raw" } : [])],
            .. lines.Select(l => withRaw ? [.. l, "unused"] : l)]);
        CommandRun run = CommandRun.Execute(Cmd, withRaw ? ["raw=_raw"] : [], body);
        Assert.Equal(0, run.Host.ExitCode);
        List<Dictionary<string, string>> records = run.Records();
        Assert.Equal(lines.Count, records.Count);
        Classifier core = Classifier.Default;
        for (int i = 0; i < lines.Count; i++)
        {
            string[] l = lines[i];
            AssertContains(Expected(core, l[0].Trim(), ushort.Parse(l[1].Trim(), System.Globalization.CultureInfo.InvariantCulture), l[2].Trim(),
                ushort.Parse(l[3].Trim(), System.Globalization.CultureInfo.InvariantCulture), Transport.Tcp), records[i]);
        }

        // An ICMP row of the same plain header: its unset ports are filled in as 0, never copied as "-".
        string icmp = CommandRun.Csv([["src_ip", "src_port", "dest_ip", "dest_port", "transport", .. (withRaw ? new[] { "_raw" } : [])],
            withRaw ? ["10.0.0.1", "-", "10.0.0.2", "-", "icmp", "unused"] : ["10.0.0.1", "-", "10.0.0.2", "-", "icmp"]]);
        CommandRun icmpRun = CommandRun.Execute(Cmd, withRaw ? ["raw=_raw"] : [], icmp);
        Dictionary<string, string> icmpRecord = Assert.Single(icmpRun.Records());
        Assert.Equal("", icmpRecord["flowrole_error"]);
        AssertContains(Expected(core, "10.0.0.1", 0, "10.0.0.2", 0, Transport.Icmp), icmpRecord);

        // Spot checks against the contract itself.
        Assert.Equal("10.1.2.3", records[2]["client_ip"]);
        Assert.Equal("80", records[2]["server_port"]);
        Assert.Equal("10.1.2.3", records[4]["client_ip"]);
        Assert.Equal("51515", records[4]["client_port"]);
    }

    [Fact]
    public void Findings_and_techniques_are_real_splunk_multivalues()
    {
        string body = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port", "transport"],
            ["81.2.69.142", "50123", "10.1.2.3", "3389", "tcp"]);
        CommandRun run = CommandRun.Execute(Cmd, [], body);
        Dictionary<string, string> record = Assert.Single(run.Records());
        Dictionary<string, string> expected = Expected(Classifier.Default, "81.2.69.142", 50123, "10.1.2.3", 3389, Transport.Tcp);
        AssertContains(expected, record);
        Assert.Equal("true", record["suspicious"]);
        Assert.Contains("FR-RDP-INBOUND", record["findings"].Split('\n'));
        string[] techniques = record["attack_techniques"].Split('\n');
        Assert.True(techniques.Length > 1, record["attack_techniques"]);
        Assert.Equal(string.Join(";", techniques.Select(t => "$" + t + "$")), record["__mv_attack_techniques"]);

        // Header: every multivalue output field is followed by its __mv_ column.
        string[] header = run.Header();
        foreach (string name in new[] { "findings", "finding_sources", "attack_techniques" })
        {
            Assert.Equal("__mv_" + name, header[Array.IndexOf(header, name) + 1]);
        }
    }

    [Fact]
    public void Output_fields_follow_the_input_fields_in_contract_order()
    {
        string body = CommandRun.Csv(["a", "src_ip", "src_port", "dest_ip", "dest_port", "z"], ["1", "10.0.0.1", "5000", "10.0.0.2", "22", "2"]);
        string[] header = CommandRun.Execute(Cmd, [], body).Header();
        Assert.Equal(["a", "src_ip", "src_port", "dest_ip", "dest_port", "z"], header.Take(6));
        string[] added = header.Skip(6).Where(n => !n.StartsWith("__mv_", StringComparison.Ordinal)).ToArray();
        Assert.Equal(OutputContract.AllFields.Select(OutputContract.NameOf), added);
    }

    [Fact]
    public void Bad_records_pass_through_with_flowrole_error_and_one_warn_per_chunk()
    {
        string first = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port", "transport", "n"],
            ["10.0.0.1", "5000", "10.0.0.2", "80x", "tcp", "0"],
            ["10.0.0.1", "5000", "10.0.0.2", "80", "tcp", "1"],
            ["not-an-ip", "5000", "10.0.0.2", "80", "tcp", "2"],
            ["10.0.0.1", "5000", "10.0.0.2", "80", "warp", "3"],
            ["10.0.0.1", "", "10.0.0.2", "80", "tcp", "4"]);
        string second = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port", "transport", "n"],
            ["10.0.0.1", "5000", "10.0.0.2", "443", "tcp", "5"]);
        CommandRun run = CommandRun.Execute(Cmd, [], first, second);
        Assert.Equal(0, run.Host.ExitCode);
        List<Dictionary<string, string>> records = run.Records();
        Assert.Equal(["0", "1", "2", "3", "4"], records.Select(r => r["n"]));
        Assert.Equal("dest_port: '80x' is not a port (0-65535)", records[0]["flowrole_error"]);
        Assert.Equal("", records[0]["client_ip"]);
        Assert.Equal("", records[1]["flowrole_error"]);
        Assert.Equal("src_ip: 'not-an-ip' is not an IP address", records[2]["flowrole_error"]);
        Assert.StartsWith("transport: 'warp' is not a transport", records[3]["flowrole_error"], StringComparison.Ordinal);
        Assert.StartsWith("src_port: empty", records[4]["flowrole_error"], StringComparison.Ordinal);
        Assert.Equal("80x", records[0]["dest_port"]);

        string[][] messages = run.Replies[1].Messages;
        Assert.Equal("WARN", Assert.Single(messages)[0]);
        Assert.Equal("flowrole: 4 of 5 records in this chunk could not be classified and carry flowrole_error; the first, record 1: "
            + "dest_port: '80x' is not a port (0-65535)", messages[0][1]);
        Assert.Empty(run.Replies[2].Messages);
    }

    [Fact]
    public void Records_without_flow_fields_name_the_missing_field()
    {
        CommandRun run = CommandRun.Execute(Cmd, [], CommandRun.Csv(["_raw", "host"], ["hello", "h1"], ["world", "h2"]));
        List<Dictionary<string, string>> records = run.Records();
        Assert.All(records, r => Assert.StartsWith("no source address field (expected one of src_ip, ", r["flowrole_error"], StringComparison.Ordinal));
        Assert.Equal(["hello", "world"], records.Select(r => r["_raw"]));
        Assert.Contains("2 of 2 records", Assert.Single(run.Replies[1].Messages)[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Multivalue_input_field_is_a_record_error_that_says_so()
    {
        string body = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port", "__mv_dest_port"],
            ["10.0.0.1", "5000", "10.0.0.2", "80\n443", "$80$;$443$"]);
        Dictionary<string, string> record = Assert.Single(CommandRun.Execute(Cmd, [], body).Records());
        Assert.Equal("dest_port: has 2 values; flowrole needs a single destination port per record", record["flowrole_error"]);
        Assert.Equal("$80$;$443$", record["__mv_dest_port"]);
    }

    [Fact]
    public void Field_overrides_bind_other_columns()
    {
        string body = CommandRun.Csv(["a", "b", "c", "d", "e", "f", "src_ip"],
            ["10.0.0.9", "44123", "10.0.0.7", "22", "tcp", "S", "192.0.2.1"]);
        CommandRun run = CommandRun.Execute(Cmd, ["src=a", "src_port=b", "dest=c", "dest_port=d", "transport=e", "flags=f"], body);
        Dictionary<string, string> record = Assert.Single(run.Records());
        Assert.Equal("", record["flowrole_error"]);
        Assert.Equal("10.0.0.9", record["client_ip"]);
        Assert.Equal("22", record["server_port"]);
        Assert.Equal("192.0.2.1", record["src_ip"]);
    }

    [Fact]
    public void Override_naming_an_absent_field_is_a_record_error()
    {
        string body = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port"], ["10.0.0.1", "5000", "10.0.0.2", "80"]);
        Dictionary<string, string> record = Assert.Single(CommandRun.Execute(Cmd, ["src=srcaddr"], body).Records());
        Assert.Equal("src=srcaddr: the input has no field 'srcaddr'", record["flowrole_error"]);

        // Evidence fields are optional: a chunk where no event has the named field is classified without it.
        Dictionary<string, string> flags = Assert.Single(CommandRun.Execute(Cmd, ["flags=tf"], body).Records());
        Assert.Equal("", flags["flowrole_error"]);
    }

    [Fact]
    public void Zeek_field_names_bind_through_the_core_alias_map()
    {
        string body = CommandRun.Csv(["id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "history", "conn_state"],
            ["192.168.1.10", "53211", "192.168.1.1", "53", "udp", "Dd", "SF"]);
        Dictionary<string, string> record = Assert.Single(CommandRun.Execute(Cmd, [], body).Records());
        Assert.Equal("", record["flowrole_error"]);
        Assert.Equal("53", record["server_port"]);
        Assert.Equal("udp", record["transport"]);
    }

    [Fact]
    public void Only_suspicious_drops_quiet_records_but_keeps_errors()
    {
        string body = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port", "transport", "n"],
            ["10.1.2.3", "51515", "93.184.216.34", "443", "tcp", "quiet"],
            ["81.2.69.142", "50123", "10.1.2.3", "3389", "tcp", "rdp"],
            ["10.1.2.3", "x", "93.184.216.34", "443", "tcp", "bad"]);
        CommandRun run = CommandRun.Execute(Cmd, ["only_suspicious=t"], body);
        List<Dictionary<string, string>> records = run.Records();
        Assert.Equal(["rdp", "bad"], records.Select(r => r["n"]));
        Assert.Equal("true", records[0]["suspicious"]);
    }

    [Fact]
    public void Only_suspicious_with_nothing_left_sends_a_metadata_only_reply()
    {
        string body = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port", "transport"], ["10.1.2.3", "51515", "93.184.216.34", "443", "tcp"]);
        CommandRun run = CommandRun.Execute(Cmd, ["only_suspicious=true"], body);
        Assert.Empty(run.Replies[1].Body);
        Assert.True(run.Replies[1].Finished);
    }

    [Fact]
    public void Prefix_renames_every_added_field()
    {
        string body = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port"], ["10.0.0.1", "5000", "10.0.0.2", "80"]);
        CommandRun run = CommandRun.Execute(Cmd, ["prefix=fr_"], body);
        string[] header = run.Header();
        Assert.Contains("fr_client_ip", header);
        Assert.Contains("fr_flowrole_error", header);
        Assert.Contains("__mv_fr_findings", header);
        Assert.DoesNotContain("client_ip", header);
    }

    [Fact]
    public void Same_named_input_fields_are_replaced_but_kept_on_records_flowrole_cannot_classify()
    {
        string body = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port", "transport", "direction", "__mv_direction"],
            ["10.1.2.3", "51515", "93.184.216.34", "443", "6", "outbound", ""],
            ["10.1.2.3", "bad", "93.184.216.34", "443", "6", "in\nout", "$in$;$out$"]);
        CommandRun run = CommandRun.Execute(Cmd, [], body);
        string[] header = run.Header();
        Assert.Single(header, "direction");
        Assert.Single(header, "transport");
        Assert.Equal("__mv_direction", header[Array.IndexOf(header, "direction") + 1]);
        List<Dictionary<string, string>> records = run.Records();
        Assert.Equal("tcp", records[0]["transport"]);
        Assert.Equal(FlowNames.Name(Classifier.Default.Classify(new FlowRecord(IpAddress.Parse("10.1.2.3"), 51515, IpAddress.Parse("93.184.216.34"), 443, Transport.Tcp)).Direction),
            records[0]["direction"]);
        Assert.Equal("", records[0]["__mv_direction"]);
        Assert.Equal("6", records[1]["transport"]);
        Assert.Equal("in\nout", records[1]["direction"]);
        Assert.Equal("$in$;$out$", records[1]["__mv_direction"]);
    }

    [Fact]
    public void Internal_networks_change_direction_as_core_says()
    {
        string body = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port", "transport"], ["81.2.69.142", "50123", "81.2.69.10", "443", "tcp"]);
        Dictionary<string, string> withInternal = Assert.Single(CommandRun.Execute(Cmd, ["internal=81.2.69.0/24, 10.0.0.0/8"], body).Records());
        var classifier = new Classifier(new ClassifierOptions { InternalNetworks = NetworkSet.Parse("81.2.69.0/24,10.0.0.0/8") });
        AssertContains(Expected(classifier, "81.2.69.142", 50123, "81.2.69.10", 443, Transport.Tcp), withInternal);
        Dictionary<string, string> without = Assert.Single(CommandRun.Execute(Cmd, [], body).Records());
        Assert.NotEqual(withInternal["direction"], without["direction"]);
    }

    [Fact]
    public void Csv_level_damage_becomes_a_record_error()
    {
        string body = "src_ip,src_port,dest_ip,dest_port\n10.0.0.1,5000,10.0.0.2\n10.0.0.1,5000,10.0.0.2,80\n";
        List<Dictionary<string, string>> records = CommandRun.Execute(Cmd, [], body).Records();
        Assert.Equal("CSV row 1 has 3 fields but the header has 4; the missing fields are empty", records[0]["flowrole_error"]);
        Assert.Equal("", records[1]["flowrole_error"]);
    }

    [Fact]
    public void Non_utf8_bytes_are_named_in_the_error_and_pass_through_untouched()
    {
        byte[] body = [.. "src_ip,src_port,dest_ip,dest_port,note\n10.0.0.1,5000,10.0.0.2,80,"u8, 0xFF, 0xFE, (byte)'\n',
            .. "10.0.0."u8, 0xC3, .. ",5000,10.0.0.2,80,ok\n"u8];
        byte[] stream = new ScpStream().Chunk(ScpStream.GetInfoMetadata([], Cmd), "").Execute(body, finished: true).ToArray();
        HostRun run = HostRun.Execute(stream, Cmd);
        Assert.Equal(0, run.ExitCode);
        byte[] reply = run.Replies[1].Body;
        Assert.True(reply.AsSpan().IndexOf(new byte[] { (byte)',', 0xFF, 0xFE, (byte)',' }) >= 0, "the note's bytes survive");
        List<Dictionary<string, string>> records = TestCsv.Records(reply);
        Assert.Equal("", records[0]["flowrole_error"]);
        Assert.StartsWith("src_ip: '10.0.0.", records[1]["flowrole_error"], StringComparison.Ordinal);
        Assert.EndsWith("is not an IP address", records[1]["flowrole_error"], StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_newlines_quotes_and_multibyte_text_survive_classification()
    {
        string body = CommandRun.Csv(["_raw", "src_ip", "src_port", "dest_ip", "dest_port", "transport"],
            ["line \"one\"\nline, two ทท 😀", "10.0.0.1", "5000", "10.0.0.2", "80", "tcp"]);
        Dictionary<string, string> record = Assert.Single(CommandRun.Execute(Cmd, [], body).Records());
        Assert.Equal("line \"one\"\nline, two ทท 😀", record["_raw"]);
        Assert.Equal("", record["flowrole_error"]);
    }

    [Theory]
    [InlineData("bogus=1", "flowrole: unknown option 'bogus'; valid options are ")]
    [InlineData("srcport", "flowrole: unexpected argument 'srcport'")]
    [InlineData("internal=10.0.0.0/33", "flowrole: internal=\"10.0.0.0/33\": ")]
    [InlineData("internal=", "flowrole: option 'internal' has an empty value")]
    [InlineData("only_suspicious=perhaps", "flowrole: option 'only_suspicious' must be true or false, got 'perhaps'")]
    [InlineData("prefix=a-b", "flowrole: prefix=a-b: only letters, digits, '_' and '.' are allowed, found '-'")]
    [InlineData("src=a,b", "flowrole: option 'src' must name one field, got 'a,b'")]
    [InlineData("policy=../etc/passwd", "flowrole: policy=../etc/passwd is not a policy file name")]
    [InlineData("policy=nothere", "flowrole: policy=nothere: the app folder is unknown")]
    public void Bad_arguments_are_fatal_with_an_error_message_and_exit_1(string arg, string message)
    {
        CommandRun run = CommandRun.Execute(Cmd, [arg], CommandRun.Csv(["a"], ["1"]));
        Assert.Equal(1, run.Host.ExitCode);
        ReplyChunk reply = Assert.Single(run.Replies);
        Assert.StartsWith(message, reply.Error, StringComparison.Ordinal);
        Assert.Equal("ERROR", Assert.Single(reply.Messages)[0]);
        Assert.Equal(reply.Error, reply.Messages[0][1]);
        Assert.True(reply.Finished);
    }

    [Fact]
    public void Policy_is_read_from_the_apps_lookups_folder()
    {
        string app = Directory.CreateTempSubdirectory("flowrole-app-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(app, "lookups"));
            File.WriteAllText(Path.Combine(app, "lookups", "strict.json"), """
                {
                  "version": 1,
                  "extends": "default",
                  "rules": [
                    { "id": "LOCAL-HTTP-ALT", "title": "HTTP on 8080", "description": "Test rule.", "severity": "high", "server_ports": [8080] }
                  ]
                }
                """);
            File.WriteAllText(Path.Combine(app, "lookups", "broken.json"), "{ \"version\": 2 }");
            string body = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port", "transport"], ["10.0.0.1", "50000", "10.0.0.2", "8080", "tcp"]);

            Dictionary<string, string> record = Assert.Single(CommandRun.ExecuteInApp(Cmd, ["policy=strict"], app, body).Records());
            Assert.Contains("LOCAL-HTTP-ALT", record["findings"].Split('\n'));
            Assert.Equal("true", record["suspicious"]);
            Assert.Equal(record["findings"], Assert.Single(CommandRun.ExecuteInApp(Cmd, ["policy=strict.json"], app, body).Records())["findings"]);
            Assert.DoesNotContain("LOCAL-HTTP-ALT", Assert.Single(CommandRun.ExecuteInApp(Cmd, [], app, body).Records())["findings"].Split('\n'));

            CommandRun broken = CommandRun.ExecuteInApp(Cmd, ["policy=broken"], app, body);
            Assert.Equal(1, broken.Host.ExitCode);
            Assert.StartsWith("flowrole: policy=broken is not a valid policy: lookups/broken.json:1:", broken.GetInfo.Error, StringComparison.Ordinal);

            CommandRun missing = CommandRun.ExecuteInApp(Cmd, ["policy=nope"], app, body);
            Assert.Equal("flowrole: policy=nope: no file nope or nope.json in the app's lookups/ folder (available: broken.json, strict.json)", missing.GetInfo.Error);
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }

    [Fact]
    public void Header_only_and_empty_chunks_have_metadata_only_replies()
    {
        CommandRun run = CommandRun.Execute(Cmd, [], "src_ip,dest_ip\n", "", CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port"], ["10.0.0.1", "5000", "10.0.0.2", "80"]));
        Assert.Equal(4, run.Replies.Count);
        Assert.Empty(run.Replies[1].Body);
        Assert.Empty(run.Replies[2].Body);
        Assert.Single(run.Records(3));
    }

    [Fact]
    public void Changing_headers_between_chunks_rebind()
    {
        string a = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port"], ["10.0.0.1", "5000", "10.0.0.2", "80"]);
        string b = CommandRun.Csv(["id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "extra"], ["10.0.0.3", "5001", "10.0.0.4", "443", "x"]);
        CommandRun run = CommandRun.Execute(Cmd, [], a, b, a);
        Assert.Equal("80", run.Records(1)[0]["server_port"]);
        Assert.Equal("443", run.Records(2)[0]["server_port"]);
        Assert.Equal("x", run.Records(2)[0]["extra"]);
        Assert.Equal("80", run.Records(3)[0]["server_port"]);
    }

    [Fact]
    public void Many_distinct_services_and_fact_combinations_read_exactly_as_core_says()
    {
        // Thousands of server ports (hundreds of service names), both transports, inside and outside addresses and
        // both orders: the record writer's text caches fill many slots and probe past taken ones. Every record must
        // still read exactly as Core formats it.
        var rows = new List<string[]> { CimHeader };
        var flows = new List<(string Src, ushort SrcPort, string Dest, ushort DestPort, Transport Transport)>();
        var random = new Random(4242);
        for (int i = 0; i < 12_000; i++)
        {
            ushort server = (ushort)(1 + ((i * 7919) % 65_535));
            ushort client = (ushort)random.Next(1024, 65_536);
            Transport transport = i % 3 == 0 ? Transport.Udp : Transport.Tcp;
            string inside = "10." + (i % 250) + "." + (i / 250 % 250) + ".7";
            string outside = (11 + (i % 200)) + ".20." + (i % 97) + ".9";
            (string src, ushort srcPort, string dest, ushort destPort) = (i % 4) switch
            {
                0 => (inside, client, outside, server),
                1 => (outside, server, inside, client),
                2 => (outside, client, inside, server),
                _ => (inside, server, "10.9.8.7", client),
            };
            flows.Add((src, srcPort, dest, destPort, transport));
            rows.Add(["1599171244." + i, src, srcPort.ToString(System.Globalization.CultureInfo.InvariantCulture), dest,
                destPort.ToString(System.Globalization.CultureInfo.InvariantCulture), transport == Transport.Udp ? "udp" : "tcp",
                i.ToString(System.Globalization.CultureInfo.InvariantCulture), "", "", ""]);
        }

        CommandRun run = CommandRun.Execute(Cmd, [], CommandRun.Csv([.. rows]));
        List<Dictionary<string, string>> records = run.Records();
        Assert.Equal(flows.Count, records.Count);
        int services = records.Select(r => r["service"]).Distinct().Count();
        Assert.True(services > 500, services + " distinct services");
        Classifier core = Classifier.Default;
        for (int i = 0; i < flows.Count; i++)
        {
            (string src, ushort srcPort, string dest, ushort destPort, Transport transport) = flows[i];
            AssertContains(Expected(core, src, srcPort, dest, destPort, transport), records[i]);
        }
    }
}
