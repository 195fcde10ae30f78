using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using FlowRole.PowerShell.Tests.Infrastructure;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.PowerShell.Tests.Scripts;

/// <summary>Each hunting script in module/FlowRole/Examples runs as a scheduler would run it (pwsh -File), in the real engine.</summary>
public sealed class ExampleScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrole-hunt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "Examples", name);

    [Fact]
    public void Every_example_script_has_a_test()
    {
        string[] scripts = Directory.GetFiles(TestPaths.InRepo("module", "FlowRole", "Examples"), "*.ps1").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;
        Assert.Equal(new[] { "Invoke-FirewallLogHunt.ps1", "Invoke-LiveConnectionHunt.ps1", "Invoke-ZeekConnHunt.ps1" }, scripts);
    }

    [Fact]
    public void The_Zeek_hunt_reads_a_days_rotated_logs_reports_and_exits_2_on_high_findings()
    {
        string day = DateTime.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string logs = Path.Combine(_dir, "zeek", day);
        Directory.CreateDirectory(logs);
        byte[] conn = File.ReadAllBytes(TestPaths.InRepo("samples", "zeek", "conn.log"));
        using (var gz = new GZipStream(File.Create(Path.Combine(logs, "conn.10:00:00-11:00:00.log.gz")), CompressionLevel.Fastest))
        {
            gz.Write(conn);
        }

        string reports = Path.Combine(_dir, "reports");
        ScriptRun run = ScriptRunner.Run(Example("Invoke-ZeekConnHunt.ps1"), new Dictionary<string, object?>
        {
            ["LogDirectory"] = Path.Combine(_dir, "zeek"),
            ["ReportDirectory"] = reports,
            ["Learn"] = true,
        });
        Assert.True(run.ExitCode == 2, run.Output + string.Join("\n", run.Errors));
        string report = Path.Combine(reports, "flowrole-zeek-" + day + ".csv");
        string[] lines = File.ReadAllLines(report);
        Assert.StartsWith("ts,uid,id.orig_h,", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 2);
        int severity = lines[0].Split(',').ToList().IndexOf("severity");
        Assert.All(lines.Skip(1), l => Assert.Contains(l.Split(',')[severity], new[] { "medium", "high", "critical" }));
        Assert.Contains(report, run.Output, StringComparison.Ordinal);

        // Nothing at the critical level: exit 0, and the report is rewritten.
        ScriptRun calm = ScriptRunner.Run(Example("Invoke-ZeekConnHunt.ps1"), new Dictionary<string, object?>
        {
            ["LogDirectory"] = Path.Combine(_dir, "zeek"),
            ["ReportDirectory"] = reports,
            ["FailOnSeverity"] = "Critical",
            ["Format"] = "Json",
        });
        Assert.Equal(0, calm.ExitCode);
        Assert.True(File.Exists(Path.Combine(reports, "flowrole-zeek-" + day + ".json")));
    }

    [Fact]
    public void The_Zeek_hunt_exits_1_when_the_day_has_no_logs()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "empty"));
        ScriptRun run = ScriptRunner.Run(Example("Invoke-ZeekConnHunt.ps1"), new Dictionary<string, object?>
        {
            ["LogDirectory"] = Path.Combine(_dir, "empty"),
            ["ReportDirectory"] = _dir,
        });
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void The_firewall_hunt_keeps_the_days_rows_and_reports_as_json()
    {
        string log = Path.Combine(_dir, "pfirewall.log");
        File.Copy(TestPaths.InRepo("samples", "windows", "pfirewall.log"), log);
        ScriptRun run = ScriptRunner.Run(Example("Invoke-FirewallLogHunt.ps1"), new Dictionary<string, object?>
        {
            ["LogPath"] = log,
            ["Date"] = "2026-08-01",
            ["ReportDirectory"] = _dir,
        });
        Assert.True(run.ExitCode == 2, run.Output + string.Join("\n", run.Errors));
        string[] lines = File.ReadAllLines(Path.Combine(_dir, "flowrole-firewall-2026-08-01.json"));
        Assert.Contains(lines, l => l.Contains("\"dst-port\":\"3389\"", StringComparison.Ordinal) && l.Contains("\"severity\":\"high\"", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Contains("\"date\":\"2026-08-01\"", l, StringComparison.Ordinal));

        // Another day has no rows: an empty report and exit 0.
        ScriptRun other = ScriptRunner.Run(Example("Invoke-FirewallLogHunt.ps1"), new Dictionary<string, object?>
        {
            ["LogPath"] = log,
            ["Date"] = "2026-07-31",
            ["ReportDirectory"] = _dir,
            ["Action"] = "DROP",
        });
        Assert.Equal(0, other.ExitCode);
        Assert.Equal(string.Empty, File.ReadAllText(Path.Combine(_dir, "flowrole-firewall-2026-07-31.json")));
    }

    [Fact]
    public void The_firewall_hunt_exits_1_without_a_log()
    {
        ScriptRun run = ScriptRunner.Run(Example("Invoke-FirewallLogHunt.ps1"), new Dictionary<string, object?> { ["LogPath"] = Path.Combine(_dir, "none.log") });
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void The_live_hunt_reports_an_open_connection_to_a_backdoor_port()
    {
        using TcpListener listener = ListenOnBackdoorPort(out int port);
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using TcpClient accepted = listener.AcceptTcpClient();

        ScriptRun run = ScriptRunner.Run(Example("Invoke-LiveConnectionHunt.ps1"), new Dictionary<string, object?>
        {
            ["ReportDirectory"] = _dir,
            ["FailOnSeverity"] = "Medium",
        });
        Assert.True(run.ExitCode == 2, run.Output + string.Join("\n", run.Errors));
        string report = Directory.GetFiles(_dir, "flowrole-live-*.json").Single();
        Assert.Contains(File.ReadAllLines(report), l => l.StartsWith("{\"snapshot_time\":", StringComparison.Ordinal)
            && l.Contains("\"server_port\":" + port, StringComparison.Ordinal) && l.Contains("FR-BACKDOOR-PORT", StringComparison.Ordinal));
    }

    private static TcpListener ListenOnBackdoorPort(out int port)
    {
        // Ports of FR-BACKDOOR-PORT in the default policy; take the first one free here.
        foreach (int candidate in new[] { 31337, 12345, 54321, 1337, 27374, 20034, 50050 })
        {
            var listener = new TcpListener(IPAddress.Loopback, candidate);
            try
            {
                listener.Start();
                port = candidate;
                return listener;
            }
            catch (SocketException)
            {
                listener.Dispose();
            }
        }

        throw new InvalidOperationException("No backdoor-rule port is free on this host.");
    }
}
