using System;
using System.Collections.Generic;
using System.Text;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Identity;
using FlowRole.Policy;
using FlowRole.Roles;
using Xunit;

namespace FlowRole.Tests.Fields;

public class FlowResultFormatterTests
{
    private static readonly PolicyRule[] Rules =
    {
        new() { Id = "R-A", Title = "a", Severity = Severity.Low, Sources = new[] { "sigma:1", "splunk:2" }, AttackTechniques = new[] { "T1021" } },
        new() { Id = "R-B", Title = "b", Severity = Severity.High, Sources = new[] { "sigma:1" }, AttackTechniques = new[] { "T1021", "T1571" } },
        new() { Id = "R-C", Title = "c", Severity = Severity.Medium },
    };

    private static FlowResult Result(bool swapped, RuleMask matches, Severity severity, string? service = "ssh", float confidence = 0.875f)
    {
        var record = new FlowRecord(IpAddress.Parse("2001:db8::5"), 50000, IpAddress.Parse("192.0.2.9"), 22, Transport.Tcp);
        return new FlowResult(record, swapped, RoleBasis.ServicePort, confidence, service, AddressScope.Documentation,
            AddressScope.Private, Direction.Inbound, new PolicyVerdict(matches, severity), severity >= Severity.Medium);
    }

    [Fact]
    public void Delimited_rows_with_equal_facts_but_other_findings_never_share_cached_text()
    {
        // Same facts (severity, scopes, basis...) and different matched rules, interleaved so every row after the
        // first two is a cache hit: each must still print its own findings, and equal rows equal text.
        var formatter = new FlowResultFormatter(Rules, null);
        RuleMask[] masks = [RuleMask.Single(0), RuleMask.Single(1), RuleMask.Single(0) | RuleMask.Single(1), default, RuleMask.Single(2)];
        string[] expected = ["R-A,sigma:1;splunk:2,T1021,", "R-B,sigma:1,T1021;T1571,", "R-A;R-B,sigma:1;splunk:2,T1021;T1571,", ",,,", "R-C,,,"];
        var buffer = new byte[1024];
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < masks.Length; i++)
            {
                FlowResult r = Result(swapped: true, masks[i], Severity.High);
                foreach (byte separator in new[] { (byte)',', (byte)'\t' })
                {
                    int n = formatter.WriteDelimited(r, buffer, separator);
                    string row = Encoding.UTF8.GetString(buffer, 0, n);
                    string want = "192.0.2.9,22,2001:db8::5,50000,tcp,ssh,service_port,0.88,true,well_known,dynamic,documentation,private,inbound,true,high,"
                        + expected[i];
                    Assert.Equal(separator == ',' ? want : want.Replace(',', '\t'), row);
                }
            }
        }
    }

    [Fact]
    public void Every_single_valued_field_renders()
    {
        var formatter = new FlowResultFormatter(Rules, new CommunityId());
        FlowResult r = Result(swapped: true, RuleMask.Single(0) | RuleMask.Single(1), Severity.High);
        var expected = new Dictionary<OutputField, string>
        {
            [OutputField.ClientIp] = "192.0.2.9",
            [OutputField.ClientPort] = "22",
            [OutputField.ServerIp] = "2001:db8::5",
            [OutputField.ServerPort] = "50000",
            [OutputField.Transport] = "tcp",
            [OutputField.Service] = "ssh",
            [OutputField.RoleBasis] = "service_port",
            [OutputField.RoleConfidence] = "0.88",
            [OutputField.Swapped] = "true",
            [OutputField.ClientPortClass] = "well_known",
            [OutputField.ServerPortClass] = "dynamic",
            [OutputField.ClientScope] = "documentation",
            [OutputField.ServerScope] = "private",
            [OutputField.Direction] = "inbound",
            [OutputField.Suspicious] = "true",
            [OutputField.Severity] = "high",
            [OutputField.Findings] = "R-A;R-B",
            [OutputField.FindingSources] = "sigma:1;splunk:2",
            [OutputField.AttackTechniques] = "T1021;T1571",
            [OutputField.CommunityId] = new CommunityId().Compute(r.Record),
            [OutputField.Error] = "",
        };
        foreach (OutputField f in OutputContract.AllFields)
        {
            Assert.Equal(expected[f], formatter.Format(f, r));
        }
    }

    [Fact]
    public void Multivalue_fields_come_value_by_value_without_repeats()
    {
        var formatter = new FlowResultFormatter(Rules, null);
        FlowResult r = Result(false, RuleMask.Single(0) | RuleMask.Single(1) | RuleMask.Single(2), Severity.High);
        Assert.Equal(new[] { "R-A", "R-B", "R-C" }, formatter.GetStrings(OutputField.Findings, r));
        Assert.Equal(new[] { "sigma:1", "splunk:2" }, formatter.GetStrings(OutputField.FindingSources, r));
        Assert.Equal(new[] { "T1021", "T1571" }, formatter.GetStrings(OutputField.AttackTechniques, r));

        var utf8 = new List<string>();
        foreach (ReadOnlySpan<byte> v in formatter.GetValues(OutputField.AttackTechniques, r))
        {
            utf8.Add(Encoding.UTF8.GetString(v));
        }

        Assert.Equal(new[] { "T1021", "T1571" }, utf8);

        FlowResult none = Result(false, default, Severity.None);
        Assert.Empty(formatter.GetStrings(OutputField.Findings, none));
        Assert.Equal("", formatter.Format(OutputField.Findings, none));
        Assert.Equal("none", formatter.Format(OutputField.Severity, none));
        Assert.Equal("", formatter.Format(OutputField.CommunityId, none));
        Assert.False(formatter.GetValues(OutputField.ClientIp, r).MoveNext());
    }

    [Theory]
    [InlineData(0f, "0.00")]
    [InlineData(1f, "1.00")]
    [InlineData(0.5f, "0.50")]
    [InlineData(0.999f, "1.00")]
    [InlineData(0.004f, "0.00")]
    [InlineData(0.956f, "0.96")]
    [InlineData(0.954f, "0.95")]
    [InlineData(1.5f, "1.00")]
    [InlineData(-1f, "0.00")]
    [InlineData(float.NaN, "0.00")]
    public void Confidence_has_two_decimals(float value, string expected)
    {
        Span<byte> buffer = stackalloc byte[8];
        Assert.True(FlowResultFormatter.TryFormatConfidence(value, buffer, out int n));
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer.Slice(0, n).ToArray()));
        Assert.False(FlowResultFormatter.TryFormatConfidence(value, buffer.Slice(0, 3), out _));
    }

    [Fact]
    public void A_missing_service_is_empty_and_small_buffers_are_refused()
    {
        var formatter = new FlowResultFormatter(Rules, null);
        FlowResult r = Result(false, RuleMask.Single(0), Severity.Low, service: null);
        Assert.Equal("", formatter.Format(OutputField.Service, r));
        Assert.False(formatter.TryFormat(OutputField.ServerIp, r, new byte[4], out _));
        Assert.False(formatter.TryFormat(OutputField.FindingSources, r, new byte[4], out _));
    }

    [Fact]
    public void Formatting_a_real_classification_allocates_nothing()
    {
        Classifier classifier = Classifier.Default;
        var formatter = new FlowResultFormatter(classifier);
        var record = new FlowRecord(IpAddress.Parse("203.0.113.7"), 51000, IpAddress.Parse("10.0.0.5"), 3389, Transport.Tcp);
        FlowResult result = classifier.Classify(record);
        byte[] buffer = new byte[FlowResultFormatter.MaxSingleValueLength];

        void Work()
        {
            IReadOnlyList<OutputField> fields = OutputContract.ClassificationFields;
            for (int i = 0; i < fields.Count; i++)
            {
                OutputField f = fields[i];
                Assert.True(formatter.TryFormat(f, result, buffer, out _));
                OutputValueEnumerator e = formatter.GetValues(f, result);
                while (e.MoveNext())
                {
                }
            }
        }

        Work();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Work();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEmpty(formatter.GetStrings(OutputField.Findings, result)); // inbound RDP from the Internet is a finding
    }
}
