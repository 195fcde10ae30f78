using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FlowRole.Fields;
using FlowRole.PowerShell.Tests.Infrastructure;
using Xunit;

namespace FlowRole.PowerShell.Tests.Module;

/// <summary>
/// PowerShell [Alias] attributes are literals; Core's alias map is the truth. Every alias of every parameter that binds
/// from piped properties must be a name Core resolves to that parameter's field, and every name Core knows for the
/// field (except ones that count only beside another column, which PowerShell cannot express) must be an alias.
/// </summary>
public class AliasTests : IClassFixture<PowerShellSession>
{
    /// <summary>The parameters that bind flow fields from piped properties, and their fields.</summary>
    private static readonly Dictionary<(string Cmdlet, string Parameter), FlowField> FieldOf = new()
    {
        [("Get-FlowRole", "SourceAddress")] = FlowField.SourceAddress,
        [("Get-FlowRole", "SourcePort")] = FlowField.SourcePort,
        [("Get-FlowRole", "DestinationAddress")] = FlowField.DestinationAddress,
        [("Get-FlowRole", "DestinationPort")] = FlowField.DestinationPort,
        [("Get-FlowRole", "Transport")] = FlowField.Transport,
        [("Get-FlowRole", "TcpFlags")] = FlowField.TcpFlags,
        [("Get-FlowRole", "History")] = FlowField.ZeekHistory,
        [("Get-FlowRole", "ConnState")] = FlowField.ConnState,
    };

    private readonly PowerShellSession _ps;

    public AliasTests(PowerShellSession ps) => _ps = ps;

    [Fact]
    public void Every_by_property_name_parameter_with_aliases_carries_a_known_field()
    {
        foreach (CmdletInfo cmdlet in _ps.Ok("Get-Command -Module FlowRole").Select(o => (CmdletInfo)o.BaseObject))
        {
            foreach (ParameterMetadata parameter in cmdlet.Parameters.Values)
            {
                bool byName = parameter.ParameterSets.Values.Any(s => s.ValueFromPipelineByPropertyName);
                if (byName && parameter.Aliases.Count > 0 && !IsPathOrIdAlias(cmdlet.Name, parameter.Name))
                {
                    Assert.True(FieldOf.ContainsKey((cmdlet.Name, parameter.Name)), cmdlet.Name + " -" + parameter.Name + " has aliases but no field in this test's map");
                }
            }
        }
    }

    [Fact]
    public void Parameter_aliases_are_exactly_the_names_Core_resolves_to_the_same_field()
    {
        foreach (((string cmdletName, string parameterName), FlowField field) in FieldOf)
        {
            CmdletInfo cmdlet = (CmdletInfo)_ps.Ok("Get-Command $args[0]", cmdletName)[0].BaseObject;
            ParameterMetadata parameter = cmdlet.Parameters[parameterName];

            foreach (string alias in parameter.Aliases)
            {
                // Core, given a header of just this name, binds it to this field and no other.
                var binder = new FlowRecordBinder(new[] { alias });
                FlowField[] resolved = FieldAliases.Fields.Where(f => binder.CandidatesOf(f).Contains(0)).ToArray();
                Assert.True(resolved.SequenceEqual(new[] { field }),
                    cmdletName + " -" + parameterName + " alias '" + alias + "' resolves in Core to [" + string.Join(", ", resolved) + "], not " + field);
            }

            string[] expected = FieldAliases.For(field)
                .Where(a => a.RequiresColumn is null && !string.Equals(a.Name, parameterName, StringComparison.OrdinalIgnoreCase))
                .Select(a => a.Name).ToArray();
            Assert.True(expected.SequenceEqual(parameter.Aliases),
                cmdletName + " -" + parameterName + " aliases [" + string.Join(", ", parameter.Aliases) + "] differ from Core's [" + string.Join(", ", expected) + "]");
        }
    }

    [Fact]
    public void Aliases_that_need_another_column_are_not_PowerShell_aliases()
    {
        var conditional = FieldAliases.Fields.SelectMany(FieldAliases.For).Where(a => a.RequiresColumn is not null).Select(a => a.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (CmdletInfo cmdlet in _ps.Ok("Get-Command -Module FlowRole").Select(o => (CmdletInfo)o.BaseObject))
        {
            foreach (ParameterMetadata parameter in cmdlet.Parameters.Values)
            {
                Assert.DoesNotContain(parameter.Aliases, a => conditional.Contains(a));
            }
        }
    }

    private static bool IsPathOrIdAlias(string cmdlet, string parameter) =>
        (cmdlet, parameter) is ("Import-FlowLog", "LiteralPath") or ("Export-FlowRole", "LiteralPath") or ("Get-FlowRoleRule", "Id");
}
