using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using FlowRole.PowerShell.Tests.Infrastructure;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.PowerShell.Tests.Help;

/// <summary>
/// The committed MAML help is exactly what the generator makes from the code now; set FLOWROLE_UPDATE_HELP=1 to
/// rewrite it (then rebuild, so the copy beside the test binaries is fresh).
/// </summary>
public class HelpFileTests : IClassFixture<PowerShellSession>
{
    private readonly PowerShellSession _ps;

    public HelpFileTests(PowerShellSession ps) => _ps = ps;

    public static string CommittedPath => TestPaths.InRepo("module", "FlowRole", "en-US", "FlowRole.PowerShell.dll-Help.xml");

    [Fact]
    public void Committed_help_matches_the_generator()
    {
        List<CmdletInfo> cmdlets = _ps.Ok("Get-Command -Module FlowRole -CommandType Cmdlet").Select(o => (CmdletInfo)o.BaseObject).ToList();
        string generated = MamlGenerator.Generate(cmdlets, XmlDocs.ForModule());
        if (Environment.GetEnvironmentVariable("FLOWROLE_UPDATE_HELP") == "1")
        {
            File.WriteAllText(CommittedPath, generated);
            return;
        }

        string committed = File.Exists(CommittedPath) ? File.ReadAllText(CommittedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : string.Empty;
        Assert.True(committed == generated,
            "module/FlowRole/en-US/FlowRole.PowerShell.dll-Help.xml is stale: run `FLOWROLE_UPDATE_HELP=1 dotnet test tests/FlowRole.PowerShell.Tests --filter HelpFileTests` and rebuild.\n"
            + FirstDifference(committed, generated));
    }

    private static string FirstDifference(string a, string b)
    {
        string[] x = a.Split('\n');
        string[] y = b.Split('\n');
        for (int i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            string left = i < x.Length ? x[i] : "<end>";
            string right = i < y.Length ? y[i] : "<end>";
            if (left != right)
            {
                return "line " + (i + 1) + ":\n  committed: " + left + "\n  generated: " + right;
            }
        }

        return string.Empty;
    }
}
