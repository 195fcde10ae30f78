using System;
using System.IO;
using FlowRole.PowerShell.Tests.Infrastructure;
using Xunit;

namespace FlowRole.PowerShell.Tests.Robustness;

/// <summary>
/// <c>Export-FlowRole -SpreadsheetSafe</c> in a hosted PowerShell session: Core's spreadsheet-safe CSV writer, so a
/// logged value such as <c>=HYPERLINK(...)</c> reaches a spreadsheet as text; without the switch values are as given.
/// </summary>
public sealed class SpreadsheetSafeExportTests : IClassFixture<PowerShellSession>, IDisposable
{
    private const string Objects = """
        [pscustomobject]@{ src_ip = '10.0.0.5'; src_port = 51000; dest_ip = '93.184.216.34'; dest_port = 443; transport = 'tcp'; note = '=HYPERLINK("http://evil")'; user = '-cmd' },
        [pscustomobject]@{ src_ip = '10.0.0.5'; src_port = 51001; dest_ip = '93.184.216.34'; dest_port = 443; transport = 'tcp'; note = 'fine'; user = 'bob' }
        """;

    private readonly PowerShellSession _ps;
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrole-safe-").FullName;

    public SpreadsheetSafeExportTests(PowerShellSession ps) => _ps = ps;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Formula_cells_become_quoted_text()
    {
        string safe = Path.Combine(_dir, "safe.csv");
        string plain = Path.Combine(_dir, "plain.csv");
        _ps.Ok("@(" + Objects + ") | Get-FlowRole | Export-FlowRole $args[0] -SpreadsheetSafe", safe);
        _ps.Ok("@(" + Objects + ") | Get-FlowRole | Export-FlowRole $args[0]", plain);
        string[] safeLines = File.ReadAllLines(safe);
        string[] plainLines = File.ReadAllLines(plain);
        Assert.StartsWith("10.0.0.5,51000,93.184.216.34,443,tcp,\"'=HYPERLINK(\"\"http://evil\"\")\",\"'-cmd\",10.0.0.5,", safeLines[1], StringComparison.Ordinal);
        Assert.StartsWith("10.0.0.5,51000,93.184.216.34,443,tcp,\"=HYPERLINK(\"\"http://evil\"\")\",-cmd,10.0.0.5,", plainLines[1], StringComparison.Ordinal);
        Assert.Equal(plainLines[0], safeLines[0]);
        Assert.Equal(plainLines[2], safeLines[2]);
    }

    [Fact]
    public void Json_output_ignores_the_switch()
    {
        string safe = Path.Combine(_dir, "safe.jsonl");
        string plain = Path.Combine(_dir, "plain.jsonl");
        _ps.Ok("@(" + Objects + ") | Get-FlowRole | Export-FlowRole $args[0] -SpreadsheetSafe", safe);
        _ps.Ok("@(" + Objects + ") | Get-FlowRole | Export-FlowRole $args[0]", plain);
        Assert.Equal(File.ReadAllText(plain), File.ReadAllText(safe));
        Assert.Contains("\"note\":\"=HYPERLINK(\\\"http://evil\\\")\"", File.ReadAllText(safe), StringComparison.Ordinal);
    }
}
