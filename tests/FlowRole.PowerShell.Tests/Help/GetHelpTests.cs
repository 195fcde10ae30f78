using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FlowRole.PowerShell.Tests.Infrastructure;
using Xunit;

namespace FlowRole.PowerShell.Tests.Help;

/// <summary>Get-Help works offline and is complete: synopsis, description, every parameter, several examples.</summary>
public class GetHelpTests : IClassFixture<PowerShellSession>
{
    private readonly PowerShellSession _ps;

    public GetHelpTests(PowerShellSession ps) => _ps = ps;

    public static TheoryData<string> Cmdlets => new()
    {
        "Get-FlowRole", "Test-SuspiciousPort", "Get-PortInfo", "Import-FlowLog", "Export-FlowRole", "Get-FlowRoleRule",
    };

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Full_help_documents_every_parameter_and_has_several_examples(string name)
    {
        PSObject help = Assert.Single(_ps.Ok("Get-Help $args[0] -Full", name));
        string synopsis = (string)help.Properties["Synopsis"].Value;
        Assert.False(string.IsNullOrWhiteSpace(synopsis));
        Assert.DoesNotContain(name + " ", synopsis.Substring(0, Math.Min(synopsis.Length, name.Length + 1)), StringComparison.Ordinal); // not the auto-generated syntax line

        string description = string.Join(" ", _ps.Ok("(Get-Help $args[0] -Full).description | ForEach-Object { $_.Text }", name).Select(o => o.ToString()));
        Assert.True(description.Length > 100, name + " has no real description");

        var documented = _ps.Ok("(Get-Help $args[0] -Full).parameters.parameter | ForEach-Object { $_.name + '|' + (($_.description | ForEach-Object { $_.Text }) -join ' ') }", name)
            .Select(o => o.ToString()!.Split('|', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        CmdletInfo cmdlet = (CmdletInfo)_ps.Ok("Get-Command $args[0]", name)[0].BaseObject;
        foreach (string parameter in cmdlet.Parameters.Keys.Where(k => !Cmdlet.CommonParameters.Contains(k) && !Cmdlet.OptionalCommonParameters.Contains(k)))
        {
            Assert.True(documented.TryGetValue(parameter, out string? text), name + " -" + parameter + " is not in its help");
            Assert.True(text!.Length > 10, name + " -" + parameter + " has no description");
        }

        Assert.Equal(cmdlet.Parameters.Keys.Count(k => !Cmdlet.CommonParameters.Contains(k) && !Cmdlet.OptionalCommonParameters.Contains(k)), documented.Count);

        List<PSObject> examples = _ps.Ok("(Get-Help $args[0] -Examples).examples.example", name);
        Assert.True(examples.Count >= 3, name + " has " + examples.Count + " examples");
        Assert.All(examples, e => Assert.Contains(name, e.Properties["code"].Value.ToString(), StringComparison.Ordinal));

        int syntaxItems = _ps.Ok("(Get-Help $args[0] -Full).syntax.syntaxItem", name).Count;
        Assert.Equal(cmdlet.ParameterSets.Count, syntaxItems);
    }

    [Fact]
    public void Parameter_help_says_how_it_binds_from_the_pipeline()
    {
        PSObject input = Assert.Single(_ps.Ok("Get-Help Get-FlowRole -Parameter InputObject"));
        Assert.Equal("True (ByValue)", input.Properties["pipelineInput"].Value);
        PSObject source = Assert.Single(_ps.Ok("Get-Help Get-FlowRole -Parameter SourceAddress"));
        Assert.Equal("True (ByPropertyName)", source.Properties["pipelineInput"].Value);
        Assert.Contains("src_ip", source.Properties["aliases"].Value.ToString(), StringComparison.Ordinal);
        Assert.Equal("1", source.Properties["position"].Value);
    }

    [Fact]
    public void The_about_topic_is_found_offline()
    {
        string text = string.Join("\n", _ps.Ok("Get-Help about_FlowRole").Select(o => o.ToString()));
        Assert.Contains("TOPIC", text, StringComparison.Ordinal);
        Assert.Contains("about_FlowRole", text, StringComparison.Ordinal);
        Assert.Contains("FIELD NAMES FLOWROLE READS", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_about_topic_lists_every_cmdlet_and_every_stable_error_id()
    {
        string text = System.IO.File.ReadAllText(System.IO.Path.Combine(PowerShellSession.ModuleDirectory, "en-US", "about_FlowRole.help.txt"));
        foreach (string cmdlet in new[] { "Get-FlowRole", "Test-SuspiciousPort", "Get-PortInfo", "Import-FlowLog", "Export-FlowRole", "Get-FlowRoleRule" })
        {
            Assert.Contains(cmdlet, text, StringComparison.Ordinal);
        }

        foreach (var field in typeof(FlowRole.PowerShell.Errors.ErrorIds).GetFields())
        {
            Assert.Contains((string)field.GetValue(null)!, text, StringComparison.Ordinal);
        }

        foreach (FlowRole.Fields.FieldErrorKind kind in Enum.GetValues<FlowRole.Fields.FieldErrorKind>().Where(k => k is not (FlowRole.Fields.FieldErrorKind.None or FlowRole.Fields.FieldErrorKind.OverrideColumnMissing)))
        {
            Assert.Contains(kind.ToString(), text, StringComparison.Ordinal);
        }
    }
}
