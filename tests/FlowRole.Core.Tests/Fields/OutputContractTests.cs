using System;
using System.Linq;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Policy;
using FlowRole.Ports;
using FlowRole.Roles;
using Xunit;

namespace FlowRole.Tests.Fields;

public class OutputContractTests
{
    [Fact]
    public void The_contract_lists_the_fields_in_order()
    {
        Assert.Equal(
            new[]
            {
                "client_ip", "client_port", "server_ip", "server_port", "transport", "service", "role_basis", "role_confidence",
                "swapped", "client_port_class", "server_port_class", "client_scope", "server_scope", "direction", "suspicious",
                "severity", "findings", "finding_sources", "attack_techniques", "community_id",
            },
            OutputContract.FieldNames);
        Assert.Equal(OutputContract.FieldNames.Concat(new[] { "flowrole_error" }), OutputContract.AllFields.Select(OutputContract.NameOf));
        Assert.Equal(OutputContract.ClassificationFields.Select(OutputContract.NameOf), OutputContract.FieldNames);
        Assert.Equal(new[] { OutputField.Findings, OutputField.FindingSources, OutputField.AttackTechniques },
            OutputContract.AllFields.Where(OutputContract.IsMultivalue));
        foreach (OutputField f in OutputContract.AllFields)
        {
            Assert.Equal(OutputContract.NameOf(f), System.Text.Encoding.ASCII.GetString(OutputContract.Utf8NameOf(f).ToArray()));
            Assert.True(OutputContract.TryParse(OutputContract.NameOf(f), out OutputField back));
            Assert.Equal(f, back);
        }
    }

    [Fact]
    public void Enum_names_are_snake_case_and_cover_every_value()
    {
        Assert.Equal("zeek_history", FlowNames.Name(RoleBasis.ZeekHistory));
        Assert.Equal("zeek_conn_state", FlowNames.Name(RoleBasis.ZeekConnState));
        Assert.Equal("service_port", FlowNames.Name(RoleBasis.ServicePort));
        Assert.Equal("address_hint", FlowNames.Name(RoleBasis.AddressHint));
        Assert.Equal("shared", FlowNames.Name(AddressScope.SharedCgnat));
        Assert.Equal("unique_local", FlowNames.Name(AddressScope.UniqueLocal));
        Assert.Equal("link_local", FlowNames.Name(AddressScope.LinkLocal));
        Assert.Equal("well_known", FlowNames.Name(PortClass.WellKnown));
        Assert.Equal("dynamic", FlowNames.Name(PortClass.Dynamic));
        Assert.Equal("outbound", FlowNames.Name(Direction.Outbound));
        Assert.Equal("critical", FlowNames.Name(Severity.Critical));

        AssertAllNamed<RoleBasis>(v => FlowNames.Name(v), v => FlowNames.Utf8Name(v).ToArray());
        AssertAllNamed<AddressScope>(v => FlowNames.Name(v), v => FlowNames.Utf8Name(v).ToArray());
        AssertAllNamed<PortClass>(v => FlowNames.Name(v), v => FlowNames.Utf8Name(v).ToArray());
        AssertAllNamed<Direction>(v => FlowNames.Name(v), v => FlowNames.Utf8Name(v).ToArray());
        AssertAllNamed<Severity>(v => FlowNames.Name(v), v => FlowNames.Utf8Name(v).ToArray());
    }

    [Fact]
    public void Severities_parse_by_name()
    {
        foreach (Severity s in Enum.GetValues(typeof(Severity)))
        {
            Assert.True(FlowNames.TryParseSeverity(FlowNames.Name(s).ToUpperInvariant(), out Severity back));
            Assert.Equal(s, back);
        }

        Assert.True(FlowNames.TryParseSeverity("informational", out Severity info));
        Assert.Equal(Severity.Info, info);
        Assert.False(FlowNames.TryParseSeverity("severe", out _));
        Assert.False(FlowNames.TryParseSeverity(null, out _));
    }

    private static void AssertAllNamed<T>(Func<T, string> name, Func<T, byte[]> utf8)
        where T : struct, Enum
    {
        var seen = new System.Collections.Generic.HashSet<string>();
        foreach (T value in Enum.GetValues(typeof(T)))
        {
            string n = name(value);
            Assert.Matches("^[a-z0-9_]+$", n);
            Assert.True(seen.Add(n), n + " is used twice");
            Assert.Equal(n, System.Text.Encoding.ASCII.GetString(utf8(value)));
        }
    }
}

public class OutputContractDocumentationTests
{
    [Fact]
    public void Descriptions_are_the_xml_documentation_after_the_field_name()
    {
        string xmlPath = System.IO.Path.ChangeExtension(typeof(OutputField).Assembly.Location, ".xml");
        var doc = System.Xml.Linq.XDocument.Load(xmlPath);
        foreach (OutputField field in OutputContract.AllFields)
        {
            string member = "F:FlowRole.Fields.OutputField." + field;
            var summary = doc.Descendants("member").First(m => (string?)m.Attribute("name") == member).Element("summary")!;
            string text = string.Join(" ", summary.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(OutputContract.NameOf(field) + ": " + OutputContract.Describe(field), text);
        }
    }
}
