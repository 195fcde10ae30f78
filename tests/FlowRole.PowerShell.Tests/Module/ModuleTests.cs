using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using FlowRole.PowerShell.Tests.Infrastructure;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.PowerShell.Tests.Module;

public class ModuleTests : IClassFixture<PowerShellSession>
{
    private static readonly string[] Cmdlets = { "Export-FlowRole", "Get-FlowRole", "Get-FlowRoleRule", "Get-PortInfo", "Import-FlowLog", "Test-SuspiciousPort" };

    private readonly PowerShellSession _ps;

    public ModuleTests(PowerShellSession ps) => _ps = ps;

    [Fact]
    public void The_manifest_is_valid_and_exports_exactly_the_cmdlets_the_assembly_defines()
    {
        // The built layout (the manifest beside the binaries, as build.ps1 lays it out) is what Test-ModuleManifest checks.
        Assert.Equal(File.ReadAllText(TestPaths.InRepo("module", "FlowRole", "FlowRole.psd1")), File.ReadAllText(PowerShellSession.ManifestPath));
        PSModuleInfo module = (PSModuleInfo)Assert.Single(_ps.Ok("Test-ModuleManifest -Path $args[0]", PowerShellSession.ManifestPath)).BaseObject;
        Assert.Equal(new Version(0, 1, 0), module.Version);
        Assert.Equal(Cmdlets, module.ExportedCmdlets.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Empty(module.ExportedFunctions);
        Assert.Empty(module.ExportedAliases);
        Assert.Equal(new[] { "Core", "Desktop" }, module.CompatiblePSEditions);
        Assert.Equal(new Version(5, 1), module.PowerShellVersion);

        string[] defined = typeof(FlowRole.PowerShell.Commands.GetFlowRoleCommand).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<CmdletAttribute>())
            .Where(a => a is not null)
            .Select(a => a!.VerbName + "-" + a.NounName)
            .OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(Cmdlets, defined);

        // Explicit lists, never wildcards: the manifest text itself names each cmdlet.
        string text = File.ReadAllText(TestPaths.InRepo("module", "FlowRole", "FlowRole.psd1"));
        Assert.DoesNotContain("'*'", text, StringComparison.Ordinal);
        Assert.All(Cmdlets, c => Assert.Contains("'" + c + "'", text, StringComparison.Ordinal));
    }

    [Fact]
    public void The_module_version_is_the_builds_version()
    {
        Version assembly = typeof(FlowRole.PowerShell.Commands.GetFlowRoleCommand).Assembly.GetName().Version!;
        PSModuleInfo module = (PSModuleInfo)_ps.Ok("Get-Module FlowRole")[0].BaseObject;
        Assert.Equal(new Version(assembly.Major, assembly.Minor, assembly.Build), module.Version);
    }

    [Fact]
    public void Get_Command_lists_the_cmdlets_with_their_implementing_types_and_output_types()
    {
        List<CmdletInfo> cmdlets = _ps.Ok("Get-Command -Module FlowRole").Select(o => (CmdletInfo)o.BaseObject).ToList();
        Assert.Equal(Cmdlets, cmdlets.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal));
        CmdletInfo get = cmdlets.Single(c => c.Name == "Get-FlowRole");
        Assert.Equal(typeof(FlowRole.PowerShell.Commands.GetFlowRoleCommand), get.ImplementingType);
        Assert.Equal(typeof(FlowRole.PowerShell.Results.FlowRoleResult), Assert.Single(get.OutputType).Type);
        Assert.Equal(new[] { "Flow", "InputObject", "LocalConnections" }, get.ParameterSets.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal("InputObject", get.DefaultParameterSet);
    }

    [Fact]
    public void The_syntax_shows_each_parameter_set()
    {
        string syntax = string.Join("\n", _ps.Ok("Get-Command Get-FlowRole -Syntax").Select(o => o.ToString())).Trim();
        string[] lines = syntax.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Get-FlowRole -InputObject <psobject> [-Policy <string>] [-InternalNetwork <string[]>] [-Listener <string[]>] [-Learn] [-CommunityIdSeed <int>] [-MinimumSeverity <Severity>] [-SuspiciousOnly]", lines[0], StringComparison.Ordinal);
        // The Flow set's addresses and -LocalConnections are not Mandatory (see GetFlowRoleCommand.SourceAddress), so
        // they show as optional; the binder reports a missing address.
        Assert.StartsWith("Get-FlowRole [[-SourceAddress] <string>] [[-SourcePort] <int>] [[-DestinationAddress] <string>] [[-DestinationPort] <int>] [[-Transport] <string>] [-TcpFlags <string>] [-History <string>] [-ConnState <string>]", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Get-FlowRole [-LocalConnections]", lines[2], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.EndsWith("[<CommonParameters>]", l, StringComparison.Ordinal));

        string test = string.Join("\n", _ps.Ok("Get-Command Test-SuspiciousPort -Syntax").Select(o => o.ToString())).Trim();
        Assert.Contains("Test-SuspiciousPort [-Port] <int[]> [-Transport <string>] [-Policy <string>] [-InternalNetwork <string[]>] [-Listener <string[]>] [-Quiet]", test, StringComparison.Ordinal);
        Assert.Contains("Test-SuspiciousPort -InputObject <psobject>", test, StringComparison.Ordinal);
        Assert.Contains("Get-PortInfo -Service <string[]>", string.Join("\n", _ps.Ok("Get-Command Get-PortInfo -Syntax")), StringComparison.Ordinal);
        Assert.Contains("Import-FlowLog [-Path] <string[]> [-Format <InputFormat>]", string.Join("\n", _ps.Ok("Get-Command Import-FlowLog -Syntax")), StringComparison.Ordinal);
        Assert.Contains("Export-FlowRole [-Path] <string> -InputObject <FlowRoleResult>", string.Join("\n", _ps.Ok("Get-Command Export-FlowRole -Syntax")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_module_imports_by_name_from_PSModulePath()
    {
        string root = Directory.CreateTempSubdirectory("flowrole-modules-").FullName;
        try
        {
            string target = Path.Combine(root, "FlowRole");
            Directory.CreateDirectory(target);
            foreach (string file in ModuleLayout.Files(PowerShellSession.ModuleDirectory))
            {
                string destination = Path.Combine(target, Path.GetRelativePath(PowerShellSession.ModuleDirectory, file));
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
            }

            using Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript("$env:PSModulePath = $args[0] + [IO.Path]::PathSeparator + $env:PSModulePath; (Get-Module -ListAvailable FlowRole).Name; Import-Module FlowRole -ErrorAction Stop; (Get-Module FlowRole).ModuleBase; (Test-SuspiciousPort 4444 -Quiet)")
                .AddArgument(root);
            var output = ps.Invoke().Select(o => o.BaseObject).ToList();
            Assert.Empty(ps.Streams.Error);
            Assert.Equal(new object[] { "FlowRole", target, true }, output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_dependency_resolver_for_Windows_PowerShell_stays_out_of_the_way_on_PowerShell_7()
    {
        Assert.False(FlowRole.PowerShell.Loading.DependencyResolver.IsInstalled);
    }

    [Fact]
    public void Removing_and_importing_again_works()
    {
        Assert.True((bool)_ps.Ok("Remove-Module FlowRole; Import-Module $args[0]; Test-SuspiciousPort 4444 -Quiet", PowerShellSession.ManifestPath)[0].BaseObject);
    }
}
