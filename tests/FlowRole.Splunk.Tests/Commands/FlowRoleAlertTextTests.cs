using System;
using System.Collections.Generic;
using System.Linq;
using FlowRole.Fields;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Tests.Infrastructure;
using FlowRole.Text;
using Xunit;

namespace FlowRole.Splunk.Tests.Commands;

/// <summary><c>| flowrole raw=&lt;field&gt;</c> reads endpoints from alert text; <c>explanation=true</c> adds Core's explanation.</summary>
public sealed class FlowRoleAlertTextTests
{
    private const string Cmd = FlowRoleCommand.CommandName;
    private const string Seed = "Source: 10.0.0.5:53210 -> Destination: 192.168.1.100:443";
    private const string Asa = "<166>Jan 15 10:27:40 asa01 : %ASA-6-302013: Built inbound TCP connection 8 for outside:198.51.7.20/54321 (198.51.7.20/54321) to inside:10.0.0.25/3389 (10.0.0.25/3389)";

    /// <summary>Core's answer for an alert line, as the contract's text values.</summary>
    private static Dictionary<string, string> Expected(string alert)
    {
        AlertTextResult parsed = AlertTextParser.Parse(alert);
        Assert.True(parsed.IsSuccess, parsed.Message);
        FlowResult result = Classifier.Default.Classify(parsed.Record);
        var formatter = new FlowResultFormatter(Classifier.Default);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (OutputField field in OutputContract.ClassificationFields)
        {
            expected[OutputContract.NameOf(field)] = OutputContract.IsMultivalue(field)
                ? string.Join("\n", formatter.GetStrings(field, result))
                : formatter.Format(field, result);
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
    public void Raw_field_is_asked_for()
    {
        Assert.Contains("_raw", CommandRun.Execute(Cmd, ["raw=_raw"]).RequiredFields);
        Assert.DoesNotContain("_raw", CommandRun.Execute(Cmd, []).RequiredFields);
    }

    [Fact]
    public void Raw_text_gives_the_endpoints_when_there_are_no_structured_fields()
    {
        string body = CommandRun.Csv(["_time", "_raw"],
            ["1", Seed],
            ["2", "junk without addresses"],
            ["3", Asa]);
        CommandRun run = CommandRun.Execute(Cmd, ["raw=_raw"], body);
        Assert.Equal(0, run.Host.ExitCode);
        List<Dictionary<string, string>> records = run.Records();
        Assert.Equal(3, records.Count);
        AssertContains(Expected(Seed), records[0]);
        AssertContains(Expected(Asa), records[2]);
        Assert.Equal("initiator", records[2]["role_basis"]);
        Assert.Equal("_raw: no endpoint: the text holds no IP address", records[1]["flowrole_error"]);
        Assert.Equal(Asa, records[2]["_raw"]);

        string[] warning = Assert.Single(run.Replies[1].Messages);
        Assert.Equal("WARN", warning[0]);
        Assert.Contains("1 of 3 records", warning[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Structured_fields_win_and_raw_fills_only_absent_or_empty_ones()
    {
        string body = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port", "transport", "_raw"],
            ["10.9.9.9", "50000", "10.9.9.10", "22", "tcp", Seed],
            ["", "", "", "", "", Seed],
            ["10.9.9.9", "99999", "10.9.9.10", "22", "tcp", Seed]);
        List<Dictionary<string, string>> records = CommandRun.Execute(Cmd, ["raw=_raw"], body).Records();
        Assert.Equal("10.9.9.9", records[0]["client_ip"]);
        AssertContains(Expected(Seed), records[1]);

        // A structured value that is wrong is an error, not a reason to look elsewhere.
        Assert.Equal("src_port: '99999' is not a port (0-65535)", records[2]["flowrole_error"]);
    }

    [Fact]
    public void Without_raw_the_text_is_not_read()
    {
        string body = CommandRun.Csv(["_raw"], [Seed]);
        Dictionary<string, string> record = Assert.Single(CommandRun.Execute(Cmd, [], body).Records());
        Assert.NotEqual("", record["flowrole_error"]);
    }

    [Fact]
    public void Explanation_field_is_cores_description_after_the_contract()
    {
        string body = CommandRun.Csv(["_raw", "explanation"], [Asa, "old value"], ["junk", "kept?"]);
        CommandRun explained = CommandRun.Execute(Cmd, ["raw=_raw", "explanation=true"], body);
        CommandRun plain = CommandRun.Execute(Cmd, ["raw=_raw"], body);
        Assert.Equal(0, explained.Host.ExitCode);

        string[] header = explained.Header();
        Assert.Equal("explanation", header[^1]);
        Assert.Single(header, h => h == "explanation");
        Assert.Equal(plain.Header().Where(h => h != "explanation"), header.Take(header.Length - 1));

        List<Dictionary<string, string>> records = explained.Records();
        AlertTextResult parsed = AlertTextParser.Parse(Asa);
        Assert.Equal(Classifier.Default.Describe(Classifier.Default.Classify(parsed.Record)), records[0]["explanation"]);
        Assert.StartsWith("Client: 198.51.7.20 (global), port 54321.\n", records[0]["explanation"], StringComparison.Ordinal);
        Assert.Equal("", records[1]["explanation"]);

        // The contract fields are the same with or without the explanation.
        List<Dictionary<string, string>> without = plain.Records();
        foreach (OutputField field in OutputContract.AllFields)
        {
            string name = OutputContract.NameOf(field);
            Assert.Equal(without[0][name], records[0][name]);
            Assert.Equal(without[1][name], records[1][name]);
        }
    }

    [Fact]
    public void Explanation_takes_the_prefix()
    {
        string body = CommandRun.Csv(["_raw"], [Seed]);
        string[] header = CommandRun.Execute(Cmd, ["raw=_raw", "explanation=t", "prefix=fr_"], body).Header();
        Assert.Equal("fr_explanation", header[^1]);
    }

    [Theory]
    [InlineData("explanation=perhaps", "flowrole: option 'explanation' must be true or false, got 'perhaps'")]
    [InlineData("raw=a,b", "flowrole: option 'raw' must name one field, got 'a,b'")]
    public void Bad_arguments_are_fatal(string arg, string message)
    {
        CommandRun run = CommandRun.Execute(Cmd, [arg], CommandRun.Csv(["a"], ["1"]));
        Assert.Equal(1, run.Host.ExitCode);
        Assert.StartsWith(message, Assert.Single(run.Replies).Error, StringComparison.Ordinal);
    }
}
