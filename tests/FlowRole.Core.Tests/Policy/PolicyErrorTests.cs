using System;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Policy;
using Xunit;

namespace FlowRole.Tests.Policy;

/// <summary>Every way a policy file can be wrong produces one exact, located message.</summary>
public sealed class PolicyErrorTests
{
    private const string Source = "policy.json";

    /// <summary>A file with one rule whose body is <paramref name="ruleBody"/>; the rule's first field is on line 5.</summary>
    private static string WithRule(string ruleBody) =>
        "{\n" +
        "  \"version\": 1,\n" +
        "  \"rules\": [\n" +
        "    {\n" +
        ruleBody + "\n" +
        "    }\n" +
        "  ]\n" +
        "}\n";

    private static string SingleError(string json)
    {
        var ex = Assert.Throws<PolicyException>(() => PortPolicy.Parse(json, Source));
        Assert.True(ex.Errors.Count == 1, "expected one error, got:\n" + ex.Message);
        Assert.Equal(ex.Errors[0].ToString(), ex.Message);
        return ex.Message;
    }

    [Fact]
    public void Bad_json_names_line_and_column()
    {
        string json = "{\n  \"version\": 1,\n  \"threshold\": high\n}\n";
        Assert.Equal("policy.json:3:16: invalid JSON: 'h' is an invalid start of a value.", SingleError(json));
    }

    [Fact]
    public void Truncated_json_is_reported()
    {
        string message = SingleError("{\n  \"version\": 1,\n  \"rules\": [\n");
        Assert.StartsWith("policy.json:4:", message, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_reported()
    {
        Assert.StartsWith("policy.json:1:1: invalid JSON:", SingleError(""), StringComparison.Ordinal);
    }

    [Fact]
    public void Content_after_the_object_is_reported()
    {
        Assert.Equal("policy.json:1:16: invalid JSON: '{' is invalid after a single JSON value. Expected end of data.",
            SingleError("{\"version\": 1} {}"));
    }

    [Fact]
    public void Deep_nesting_is_rejected()
    {
        string json = "{\"version\": 1, \"rules\": " + new string('[', 40) + new string(']', 40) + "}";
        Assert.Contains("invalid JSON", SingleError(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_input_is_rejected_before_parsing()
    {
        var bytes = new byte[(16 * 1024 * 1024) + 1];
        var ex = Assert.Throws<PolicyException>(() => PortPolicy.Parse(bytes, Source));
        Assert.Equal("policy.json: the file is larger than 16 MB; a policy file is a few kilobytes", ex.Message);
    }

    [Fact]
    public void Root_must_be_an_object()
    {
        Assert.Equal("policy.json:1:1: the policy must be a JSON object, got an array", SingleError("[1, 2]"));
    }

    [Fact]
    public void Unknown_top_level_field()
    {
        string json = "{\n  \"version\": 1,\n  \"treshold\": \"high\"\n}";
        Assert.Equal("policy.json:3:3: field 'treshold': unknown field (expected one of: version, extends, threshold, " +
            "internal_networks, disable, rules, allow)", SingleError(json));
    }

    [Fact]
    public void Unknown_rule_field()
    {
        string json = WithRule(
            "      \"id\": \"MY-RDP\",\n" +
            "      \"title\": \"RDP\",\n" +
            "      \"severity\": \"high\",\n" +
            "      \"sever1ty\": \"low\",\n" +
            "      \"server_ports\": [3389]");
        Assert.Equal("policy.json:8:7: rule 'MY-RDP' field 'sever1ty': unknown field (expected one of: id, title, description, " +
            "severity, attack_techniques, sources, transport, server_ports, not_server_ports, client_ports, not_client_ports, " +
            "client_scope, server_scope, direction)", SingleError(json));
    }

    [Fact]
    public void Port_out_of_range()
    {
        string json = WithRule(
            "      \"id\": \"MY-RDP\",\n" +
            "      \"title\": \"RDP\",\n" +
            "      \"severity\": \"high\",\n" +
            "      \"server_ports\": [3389, 70000]");
        Assert.Equal("policy.json:8:30: rule 'MY-RDP' field 'server_ports': '70000' is not a port (0-65535)", SingleError(json));
    }

    [Theory]
    [InlineData("\"70000\"", "'70000' is not a port (0-65535)")]
    [InlineData("-1", "'-1' is not a port (0-65535)")]
    [InlineData("22.5", "'22.5' is not a port (0-65535)")]
    [InlineData("\"5904-5900\"", "'5904-5900' is not a port range: the start is greater than the end")]
    [InlineData("\"5900-70000\"", "'5900-70000' is not a port range: both ends must be ports (0-65535)")]
    [InlineData("\"ssh\"", "'ssh' is not a port (0-65535), a range (low-high) or a named set (well-known, registered, dynamic)")]
    [InlineData("\"\"", "'' is not a port (0-65535), a range (low-high) or a named set (well-known, registered, dynamic)")]
    [InlineData("true", "expected a port number or a string (range or named set), got a boolean")]
    public void Bad_port_items(string item, string message)
    {
        string json = WithRule(
            "      \"id\": \"P\",\n" +
            "      \"title\": \"t\",\n" +
            "      \"severity\": \"low\",\n" +
            "      \"client_ports\": [" + item + "]");
        Assert.Equal("policy.json:8:24: rule 'P' field 'client_ports': " + message, SingleError(json));
    }

    [Fact]
    public void Bad_severity()
    {
        string json = WithRule(
            "      \"id\": \"MY-RDP\",\n" +
            "      \"title\": \"RDP\",\n" +
            "      \"severity\": \"severe\",\n" +
            "      \"server_ports\": [3389]");
        Assert.Equal("policy.json:7:19: rule 'MY-RDP' field 'severity': 'severe' is not a severity (info, low, medium, high, critical)",
            SingleError(json));
    }

    [Fact]
    public void Severity_none_is_not_a_rule_severity()
    {
        string json = WithRule("      \"id\": \"X\",\n      \"title\": \"t\",\n      \"severity\": \"none\",\n      \"server_ports\": [1]");
        Assert.Equal("policy.json:7:19: rule 'X' field 'severity': 'none' is not a severity (info, low, medium, high, critical)", SingleError(json));
    }

    [Fact]
    public void Bad_scope()
    {
        string json = WithRule(
            "      \"id\": \"MY-RDP\",\n" +
            "      \"title\": \"RDP\",\n" +
            "      \"severity\": \"high\",\n" +
            "      \"client_scope\": [\"external\", \"intranet\"]");
        Assert.Equal("policy.json:8:36: rule 'MY-RDP' field 'client_scope': 'intranet' is not a scope (internal, external, global, " +
            "private, shared, unique_local, loopback, link_local, multicast, broadcast, documentation, unspecified, reserved, unknown, any)",
            SingleError(json));
    }

    [Fact]
    public void Bad_transport_and_direction()
    {
        string json = WithRule("      \"id\": \"T\",\n      \"title\": \"t\",\n      \"severity\": \"low\",\n      \"transport\": \"tpc\"");
        Assert.Equal("policy.json:8:20: rule 'T' field 'transport': 'tpc' is not a transport (tcp, udp, sctp, icmp, other, any)", SingleError(json));

        json = WithRule("      \"id\": \"D\",\n      \"title\": \"t\",\n      \"severity\": \"low\",\n      \"direction\": [\"in\"]");
        Assert.Equal("policy.json:8:21: rule 'D' field 'direction': 'in' is not a direction (inbound, outbound, internal, external, unknown, any)",
            SingleError(json));
    }

    [Fact]
    public void Any_cannot_be_combined()
    {
        string json = WithRule("      \"id\": \"T\",\n      \"title\": \"t\",\n      \"severity\": \"low\",\n      \"transport\": [\"tcp\", \"any\"]");
        Assert.Equal("policy.json:8:28: rule 'T' field 'transport': 'any' cannot be combined with other values (it already means every transport)",
            SingleError(json));
    }

    [Fact]
    public void Empty_condition_list()
    {
        string json = WithRule("      \"id\": \"E\",\n      \"title\": \"t\",\n      \"severity\": \"low\",\n      \"server_ports\": []");
        Assert.Equal("policy.json:8:23: rule 'E' field 'server_ports': the list is empty, so nothing could match (leave the field out, " +
            "or set it to null, for no condition)", SingleError(json));
    }

    [Fact]
    public void Duplicate_id_in_the_file()
    {
        string json = "{\n  \"version\": 1,\n  \"rules\": [\n" +
            "    { \"id\": \"MINE\", \"title\": \"a\", \"severity\": \"low\", \"server_ports\": [1] },\n" +
            "    { \"id\": \"mine\", \"title\": \"b\", \"severity\": \"low\", \"server_ports\": [2] }\n" +
            "  ]\n}\n";
        Assert.Equal("policy.json:5:13: rule 'mine' field 'id': 'mine' is defined twice (first as rule #1)", SingleError(json));
    }

    [Fact]
    public void Empty_id()
    {
        string json = WithRule("      \"id\": \"\",\n      \"title\": \"t\",\n      \"severity\": \"low\",\n      \"server_ports\": [1]");
        Assert.Equal("policy.json:5:13: rule #1 field 'id': the id is empty", SingleError(json));
    }

    [Fact]
    public void Missing_id()
    {
        string json = WithRule("      \"title\": \"t\",\n      \"severity\": \"low\",\n      \"server_ports\": [1]");
        Assert.Equal("policy.json:4:5: rule #1 field 'id': missing (every rule needs an id)", SingleError(json));
    }

    [Theory]
    [InlineData("has space", "'has space' is not a rule id (letters, digits, '-', '_', '.'; starting with a letter or digit)")]
    [InlineData("-LEADING", "'-LEADING' is not a rule id (letters, digits, '-', '_', '.'; starting with a letter or digit)")]
    [InlineData("A;B", "'A;B' is not a rule id (letters, digits, '-', '_', '.'; starting with a letter or digit)")]
    public void Bad_ids(string id, string message)
    {
        string json = WithRule("      \"id\": \"" + id + "\",\n      \"title\": \"t\",\n      \"severity\": \"low\",\n      \"server_ports\": [1]");
        Assert.Equal("policy.json:5:13: rule #1 field 'id': " + message, SingleError(json));
    }

    [Fact]
    public void Too_long_id()
    {
        string id = new string('A', 65);
        string json = WithRule("      \"id\": \"" + id + "\",\n      \"title\": \"t\",\n      \"severity\": \"low\",\n      \"server_ports\": [1]");
        Assert.Equal("policy.json:5:13: rule #1 field 'id': '" + id + "' is longer than 64 characters", SingleError(json));
    }

    [Fact]
    public void Too_many_rules_in_the_file()
    {
        var sb = new StringBuilder("{\n  \"version\": 1,\n  \"extends\": \"none\",\n  \"rules\": [");
        for (int i = 0; i < 257; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append("{\"id\":\"R").Append(i).Append("\",\"title\":\"t\",\"severity\":\"low\",\"server_ports\":[").Append(i).Append("]}");
        }

        sb.Append("]\n}\n");
        Assert.Equal("policy.json:4:12: field 'rules': 257 rules given; a policy holds at most 256", SingleError(sb.ToString()));
    }

    [Fact]
    public void Too_many_rules_after_layering()
    {
        int room = RuleMask.Capacity - PortPolicy.Default.Rules.Count;
        var sb = new StringBuilder("{\n  \"version\": 1,\n  \"rules\": [");
        for (int i = 0; i <= room; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append("{\"id\":\"R").Append(i).Append("\",\"title\":\"t\",\"severity\":\"low\",\"server_ports\":[").Append(i).Append("]}");
        }

        sb.Append("]\n}\n");
        Assert.Equal("policy.json: the policy has 257 rules after layering; a policy holds at most 256", SingleError(sb.ToString()));

        // Disabling one default rule makes room again.
        string fits = sb.ToString().Replace("\"version\": 1,", "\"version\": 1,\n  \"disable\": [\"FR-PORT-ZERO-CLIENT\"],", StringComparison.Ordinal);
        Assert.Equal(RuleMask.Capacity, PortPolicy.Parse(fits, Source).Rules.Count);
    }

    [Fact]
    public void Exactly_256_rules_load()
    {
        var sb = new StringBuilder("{\"version\":1,\"extends\":\"none\",\"rules\":[");
        for (int i = 0; i < 256; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append("{\"id\":\"R").Append(i).Append("\",\"title\":\"t\",\"severity\":\"low\",\"server_ports\":[").Append(i + 1000).Append("]}");
        }

        var policy = PortPolicy.Parse(sb.Append("]}").ToString(), Source);
        Assert.Equal(256, policy.Rules.Count);
        var verdict = policy.Evaluate(PolicyFlows.Parse("tcp 10.0.0.1:50000 -> 10.0.0.2:1255"));
        Assert.Equal(new[] { "R255" }, PolicyFlows.Ids(policy, verdict));
    }

    [Fact]
    public void Missing_and_unsupported_version()
    {
        Assert.Equal("policy.json:1:1: field 'version': missing (write \"version\": 1)", SingleError("{\"threshold\": \"high\"}"));
        Assert.Equal("policy.json:1:13: field 'version': '2' is not a supported version (this FlowRole reads version 1)", SingleError("{\"version\": 2}"));
        Assert.Equal("policy.json:1:13: field 'version': '1' is not a supported version (this FlowRole reads version 1)", SingleError("{\"version\": \"1\"}"));
    }

    [Fact]
    public void Bad_extends()
    {
        Assert.Equal("policy.json:1:27: field 'extends': 'strict' is not a base policy (default, none)",
            SingleError("{\"version\": 1, \"extends\": \"strict\"}"));
    }

    [Fact]
    public void Bad_threshold()
    {
        Assert.Equal("policy.json:1:29: field 'threshold': 'severe' is not a severity (info, low, medium, high, critical)",
            SingleError("{\"version\": 1, \"threshold\": \"severe\"}"));
    }

    [Fact]
    public void Field_given_twice()
    {
        Assert.Equal("policy.json:3:3: field 'threshold': given twice (first on line 2)",
            SingleError("{\"version\": 1,\n  \"threshold\": \"low\",\n  \"threshold\": \"high\"\n}"));
    }

    [Fact]
    public void Wrong_value_types()
    {
        Assert.Equal("policy.json:1:25: field 'rules': expected an array of rule objects, got an object",
            SingleError("{\"version\": 1, \"rules\": {}}"));
        Assert.Equal("policy.json:1:26: rule #1: expected a rule object, got a string",
            SingleError("{\"version\": 1, \"rules\": [\"FR-X\"]}"));
        Assert.Equal("policy.json:1:27: field 'disable': expected a string or an array of strings, got a number",
            SingleError("{\"version\": 1, \"disable\": 5}"));
        Assert.Equal("policy.json:1:47: rule 'A' field 'title': expected a string, got a number",
            SingleError("{\"version\": 1, \"rules\": [{\"id\": \"A\", \"title\": 7, \"severity\": \"low\", \"server_ports\": 1}]}"));
    }

    [Fact]
    public void Disable_of_an_unknown_rule()
    {
        Assert.Equal("policy.json:1:28: field 'disable': 'FR-NOPE' is not a rule of the default policy or this file",
            SingleError("{\"version\": 1, \"disable\": [\"FR-NOPE\"]}"));
        Assert.Equal("policy.json:1:46: field 'disable': 'FR-RDP-INBOUND' is not a rule of this file",
            SingleError("{\"version\": 1, \"extends\": \"none\", \"disable\": \"FR-RDP-INBOUND\"}"));
    }

    [Fact]
    public void New_rule_needs_title_severity_and_a_condition()
    {
        Assert.Equal("policy.json:4:5: rule 'NEW' field 'title': missing or empty (every rule needs a title)",
            SingleError(WithRule("      \"id\": \"NEW\",\n      \"severity\": \"low\",\n      \"server_ports\": [1]")));
        Assert.Equal("policy.json:4:5: rule 'NEW' field 'severity': missing (one of info, low, medium, high, critical)",
            SingleError(WithRule("      \"id\": \"NEW\",\n      \"title\": \"t\",\n      \"server_ports\": [1]")));
        Assert.Equal("policy.json:4:5: rule 'NEW': the rule has no condition, so it would flag every flow (give at least one of " +
            "server_ports, not_server_ports, client_ports, not_client_ports, transport, client_scope, server_scope, direction)",
            SingleError(WithRule("      \"id\": \"NEW\",\n      \"title\": \"t\",\n      \"severity\": \"low\"")));
    }

    [Fact]
    public void Override_that_clears_every_condition()
    {
        Assert.Equal("policy.json:4:5: rule 'FR-RDP-SESSION': the rule has no condition, so it would flag every flow (give at least one of " +
            "server_ports, not_server_ports, client_ports, not_client_ports, transport, client_scope, server_scope, direction)",
            SingleError(WithRule("      \"id\": \"FR-RDP-SESSION\",\n      \"server_ports\": null")));
    }

    [Fact]
    public void Exclusion_that_leaves_nothing()
    {
        Assert.Equal("policy.json:9:27: rule 'X' field 'not_server_ports': excludes every server port the rule would match, so it could never match",
            SingleError(WithRule("      \"id\": \"X\",\n      \"title\": \"t\",\n      \"severity\": \"low\",\n      \"server_ports\": [22],\n      \"not_server_ports\": [\"well-known\"]")));
    }

    [Fact]
    public void Bad_technique_and_source()
    {
        Assert.Equal("policy.json:8:29: rule 'X' field 'attack_techniques': 't1021' is not an ATT&CK technique id (T1234 or T1234.001)",
            SingleError(WithRule("      \"id\": \"X\",\n      \"title\": \"t\",\n      \"severity\": \"low\",\n      \"attack_techniques\": [\"t1021\"],\n      \"server_ports\": [1]")));
        Assert.Equal("policy.json:8:18: rule 'X' field 'sources': 'sigma 1234' is not a source reference (lower-case prefix, ':', id; e.g. sigma:<uuid>, splunk:<uuid>)",
            SingleError(WithRule("      \"id\": \"X\",\n      \"title\": \"t\",\n      \"severity\": \"low\",\n      \"sources\": \"sigma 1234\",\n      \"server_ports\": [1]")));
    }

    [Fact]
    public void Allow_entry_errors()
    {
        Assert.Equal("policy.json:1:37: allow #1 field 'rules': 'FR-NOPE' is not a rule of this policy",
            SingleError("{\"version\": 1, \"allow\": [{\"rules\": [\"FR-NOPE\"], \"client\": \"10.0.0.1\"}]}"));
        Assert.Equal("policy.json:1:26: allow #1: the entry has no condition (give client, server, client_ports, server_ports or " +
            "transport; to switch a rule off everywhere, list it under 'disable')",
            SingleError("{\"version\": 1, \"allow\": [{\"rules\": \"*\"}]}"));
        Assert.Equal("policy.json:1:26: allow #1 field 'rules': missing (list the rule ids it silences, or \"*\" for all)",
            SingleError("{\"version\": 1, \"allow\": [{\"client\": \"10.0.0.1\"}]}"));
        Assert.Equal("policy.json:1:41: allow #1 field 'note': unknown field (expected one of: rules, client, server, client_ports, " +
            "server_ports, transport, comment)",
            SingleError("{\"version\": 1, \"allow\": [{\"rules\": \"*\", \"note\": \"x\", \"client\": \"10.0.0.1\"}]}"));
    }

    [Fact]
    public void Bad_networks_quote_the_text()
    {
        string message = SingleError("{\"version\": 1, \"internal_networks\": [\"10.0.0.0/8\", \"10.300.0.0/16\"]}");
        Assert.StartsWith("policy.json:1:52: field 'internal_networks': '10.300.0.0/16' is not a valid CIDR block: ", message, StringComparison.Ordinal);

        message = SingleError("{\"version\": 1, \"allow\": [{\"rules\": \"*\", \"server\": [\"10.0.0.1/8\"]}]}");
        Assert.StartsWith("policy.json:1:52: allow #1 field 'server': '10.0.0.1/8' is not a valid CIDR block: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_is_reported_in_document_order()
    {
        string json = "{\n" +
            "  \"version\": 1,\n" +
            "  \"threshold\": \"severe\",\n" +
            "  \"rules\": [\n" +
            "    { \"id\": \"A\", \"title\": \"t\", \"severity\": \"low\", \"server_ports\": [99999] },\n" +
            "    { \"id\": \"B\", \"title\": \"t\", \"severity\": \"loud\", \"server_ports\": [1] }\n" +
            "  ],\n" +
            "  \"disable\": [\"NOPE\"]\n" +
            "}\n";
        var errors = PortPolicy.Validate(json, Source);
        Assert.Equal(new[]
        {
            "policy.json:3:16: field 'threshold': 'severe' is not a severity (info, low, medium, high, critical)",
            "policy.json:5:68: rule 'A' field 'server_ports': '99999' is not a port (0-65535)",
            "policy.json:6:44: rule 'B' field 'severity': 'loud' is not a severity (info, low, medium, high, critical)",
            "policy.json:8:15: field 'disable': 'NOPE' is not a rule of the default policy or this file",
        }, errors.Select(e => e.ToString()));
        var ex = Assert.Throws<PolicyException>(() => PortPolicy.Parse(json, Source));
        Assert.Equal(string.Join("\n", errors.Select(e => e.ToString())), ex.Message);
        Assert.Equal("rule 'A'", ex.Errors[1].Context);
        Assert.Equal("server_ports", ex.Errors[1].Field);
        Assert.Equal(5, ex.Errors[1].Line);
    }

    [Fact]
    public void Valid_policy_has_no_errors()
    {
        Assert.Empty(PortPolicy.Validate("{\"version\": 1}", Source));
        Assert.True(PortPolicy.TryParse("{\"version\": 1}", Source, out var policy, out var errors));
        Assert.NotNull(policy);
        Assert.Empty(errors);
        Assert.False(PortPolicy.TryParse("{}", Source, out policy, out errors));
        Assert.Null(policy);
        Assert.Single(errors);
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        string json = "{\"version\": 1, \"rules\": [{\"id\": \"A\", \"title\": \"Ünïcödé\", \"severity\": \"bad\", \"server_ports\": [1]}]}";
        Assert.Equal("policy.json:1:70: rule 'A' field 'severity': 'bad' is not a severity (info, low, medium, high, critical)", SingleError(json));
    }

    [Fact]
    public void Missing_file_is_a_policy_error()
    {
        string path = Path.Combine(Path.GetTempPath(), "flowrole-no-such-policy-" + Guid.NewGuid().ToString("N") + ".json");
        var ex = Assert.Throws<PolicyException>(() => PortPolicy.Load(path));
        Assert.StartsWith(path + ": cannot read the policy file: ", ex.Message, StringComparison.Ordinal);
        Assert.Single(PortPolicy.ValidateFile(path));
    }

    [Fact]
    public void File_errors_name_the_path()
    {
        string path = Path.Combine(Path.GetTempPath(), "flowrole-bad-policy-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, "{\n  \"version\": 1,\n  \"threshold\": \"urgent\"\n}\n");
        try
        {
            var ex = Assert.Throws<PolicyException>(() => PortPolicy.Load(path));
            Assert.Equal(path + ":3:16: field 'threshold': 'urgent' is not a severity (info, low, medium, high, critical)", ex.Message);
            Assert.Equal(ex.Message, Assert.Single(PortPolicy.ValidateFile(path)).ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Crlf_files_report_the_same_positions()
    {
        string json = "{\r\n  \"version\": 1,\r\n  \"threshold\": \"severe\"\r\n}\r\n";
        Assert.Equal("policy.json:3:16: field 'threshold': 'severe' is not a severity (info, low, medium, high, critical)", SingleError(json));
        Assert.Equal("policy.json:3:16: invalid JSON: 'h' is an invalid start of a value.",
            SingleError("{\r\n  \"version\": 1,\r\n  \"threshold\": high\r\n}"));
    }

    [Fact]
    public void Comments_trailing_commas_and_bom_are_accepted()
    {
        string json = "\uFEFF{\n  // my policy\n  \"version\": 1, /* schema 1 */\n  \"threshold\": \"high\",\n}\n";
        var policy = PortPolicy.Parse(Encoding.UTF8.GetBytes(json), Source);
        Assert.Equal(Severity.High, policy.Threshold);
    }

    [Fact]
    public void Code_built_policies_are_validated_too()
    {
        var ex = Assert.Throws<PolicyException>(() => new PortPolicy(new[]
        {
            new PolicyRule { Id = "A", Title = "a", Severity = Severity.Low, ServerPorts = PortSet.Parse("1") },
            new PolicyRule { Id = "a", Title = "", Severity = Severity.None },
        }, allow: new[] { new PolicyAllowEntry { Rules = new[] { "B" }, ClientPorts = PortSet.Parse("1") } }));
        Assert.Equal(new[]
        {
            "PortPolicy: rule 'a' field 'title': missing or empty (every rule needs a title)",
            "PortPolicy: rule 'a' field 'severity': missing (one of info, low, medium, high, critical)",
            "PortPolicy: rule 'a': the rule has no condition, so it would flag every flow (give at least one of server_ports, " +
                "not_server_ports, client_ports, not_client_ports, transport, client_scope, server_scope, direction)",
            "PortPolicy: rule 'a' field 'id': 'a' is defined twice",
            "PortPolicy: allow #1 field 'rules': 'B' is not a rule of this policy",
        }, ex.Errors.Select(e => e.ToString()));
    }
}
