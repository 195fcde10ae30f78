using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;
using FlowRole.Identity;
using FlowRole.Policy;
using FlowRole.Roles;
using Xunit;

namespace FlowRole.Tests.Formats;

/// <summary>The CSV writer's one-pass path writes exactly what the field-by-field formatter says.</summary>
public class CsvFastPathTests
{
    private static string WriteOne(FlowResultFormatter formatter, in FlowResult result)
    {
        using FlowReader reader = FlowReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("a\nx\n")));
        Assert.True(reader.Read());
        var output = new MemoryStream();
        using (FlowWriter writer = FlowWriter.Create(OutputFormat.Csv, output, formatter, new[] { "a" }, leaveOpen: true))
        {
            writer.WriteResult(reader, result);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static FlowResult Result(RuleMask matches, Severity severity, string? service, bool swapped) =>
        new(new FlowRecord(IpAddress.Parse("fe80::1%eth0"), 546, IpAddress.Parse("ff02::1:2"), 547, Transport.Udp), swapped,
            RoleBasis.SpecialCase, 0.95f, service, AddressScope.LinkLocal, AddressScope.Multicast, Direction.Unknown,
            new PolicyVerdict(matches, severity), severity >= Severity.Medium);

    [Fact]
    public void Every_field_matches_the_formatter()
    {
        var rules = new List<PolicyRule>();
        for (int i = 0; i < 40; i++)
        {
            rules.Add(new PolicyRule { Id = "R-" + i, Sources = new[] { "sigma:" + new string('x', 100) + i }, AttackTechniques = new[] { "T" + (1000 + i) } });
        }

        var formatter = new FlowResultFormatter(rules, new CommunityId(7));
        RuleMask few = RuleMask.Single(1) | RuleMask.Single(3);
        RuleMask all = default;
        for (int i = 0; i < 40; i++)
        {
            all |= RuleMask.Single(i);
        }

        // No findings, a few, and so many that the values outgrow the one-pass buffer.
        foreach (FlowResult result in new[] { Result(default, Severity.None, null, false), Result(few, Severity.High, "dhcpv6-server", true), Result(all, Severity.High, "x", false) })
        {
            string csv = WriteOne(formatter, result);
            List<Row> rows = ReaderHarness.ReadAll(csv, InputFormat.Csv);
            Row row = Assert.Single(rows);
            Assert.Null(row.Error);
            Assert.Equal("x", row.Values[0]);
            foreach (OutputField field in OutputContract.AllFields)
            {
                Assert.Equal(formatter.Format(field, result), row[OutputContract.NameOf(field)]);
            }
        }
    }

    [Fact]
    public void Values_with_commas_or_quotes_are_quoted()
    {
        var rules = new[] { new PolicyRule { Id = "R-1", Sources = new[] { "vendor:\"odd, id\"" }, AttackTechniques = new[] { "T1" } } };
        var formatter = new FlowResultFormatter(rules, null);
        Assert.True(formatter.MayNeedQuoting);
        string csv = WriteOne(formatter, Result(RuleMask.Single(0), Severity.Low, "svc", false));
        Row row = Assert.Single(ReaderHarness.ReadAll(csv, InputFormat.Csv));
        Assert.Null(row.Error);
        Assert.Equal("vendor:\"odd, id\"", row["finding_sources"]);
        Assert.Equal("R-1", row["findings"]);
        Assert.Equal("", row["community_id"]);
    }
}
