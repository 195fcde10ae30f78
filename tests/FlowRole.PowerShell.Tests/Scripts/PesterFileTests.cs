using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using FlowRole.PowerShell.Tests.Infrastructure;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.PowerShell.Tests.Scripts;

/// <summary>
/// The Pester files in tests/ are for people with pwsh and Pester. Here they are parsed by the PowerShell parser, so they
/// never rot syntactically, and run with a minimal Pester stand-in, so they never rot in substance either.
/// </summary>
public class PesterFileTests
{
    public static TheoryData<string> Files
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string file in Directory.GetFiles(TestPaths.InRepo("tests"), "*.Tests.ps1").OrderBy(f => f, StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }

            return data;
        }
    }

    [Fact]
    public void There_are_Pester_files()
    {
        Assert.True(Directory.GetFiles(TestPaths.InRepo("tests"), "*.Tests.ps1").Length >= 3);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_file_parses_and_describes_tests(string name)
    {
        string path = TestPaths.InRepo("tests", name);
        ScriptBlockAst ast = Parser.ParseFile(path, out Token[] _, out ParseError[] errors);
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => e.Extent.StartLineNumber + ": " + e.Message)));
        var commands = ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>().Select(c => c.GetCommandName()).ToList();
        Assert.Contains("Describe", commands);
        Assert.Contains("It", commands);
        Assert.Contains("Should", commands);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_file_passes_under_the_Pester_stand_in(string name)
    {
        Environment.SetEnvironmentVariable("FLOWROLE_MODULE_PATH", PowerShellSession.ManifestPath);
        using Runspace runspace = RunspaceFactory.CreateRunspace(new CaptureHost(), InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(". $args[0]; Invoke-StandInFile $args[1]")
            .AddArgument(Path.Combine(AppContext.BaseDirectory, "Scripts", "PesterStandIn.ps1"))
            .AddArgument(TestPaths.InRepo("tests", name));
        var results = ps.Invoke().Select(o => (Name: (string)o.Properties["Name"].Value, Passed: (bool)o.Properties["Passed"].Value, Message: (string)o.Properties["Message"].Value)).ToList();
        Assert.True(ps.Streams.Error.Count == 0, string.Join("\n", ps.Streams.Error));
        Assert.NotEmpty(results);
        var failed = results.Where(r => !r.Passed).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed.Select(f => f.Name + ": " + f.Message)));
    }
}
