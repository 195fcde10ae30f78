using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;
using FlowRole.Formats;
using FlowRole.PowerShell.Logs;
using FlowRole.PowerShell.Results;
using FlowRole.PowerShell.Tests.Infrastructure;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.PowerShell.Tests.Commands;

public class ImportFlowLogTests : IClassFixture<PowerShellSession>
{
    private const string Cmdlet = ",FlowRole.PowerShell.Commands.ImportFlowLogCommand";

    private readonly PowerShellSession _ps;

    public ImportFlowLogTests(PowerShellSession ps) => _ps = ps;

    public static TheoryData<string, InputFormat, int> Samples => new()
    {
        { "samples/zeek/conn.log", InputFormat.Zeek, 13 },
        { "samples/zeek/conn.json", InputFormat.Json, 13 },
        { "samples/suricata/eve.json", InputFormat.Json, 10 },
        { "samples/flows.csv", InputFormat.Csv, 20 },
        { "samples/windows/pfirewall.log", InputFormat.WindowsFirewall, 10 },
        { "samples/windows/sysmon-network.csv", InputFormat.Csv, 5 },
        { "samples/windows/tcp-connections.json", InputFormat.Json, 5 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_row_of_every_format_comes_out_in_order_with_its_columns(string sample, InputFormat format, int rows)
    {
        string path = TestPaths.InRepo(sample.Split('/'));
        RunResult run = _ps.Run("Import-FlowLog $args[0]", path);
        Assert.Empty(run.Errors);
        Assert.Equal(rows, run.Output.Count);
        FlowLogRecord[] records = run.Output.Select(o => (FlowLogRecord)o.BaseObject).ToArray();
        Assert.All(records, r => Assert.Equal(format, r.Format));
        Assert.All(records, r => Assert.Equal(path, r.Source));
        Assert.Equal(records.Select(r => r.LineNumber).OrderBy(n => n), records.Select(r => r.LineNumber));

        // The same rows as Core's reader gives.
        using FlowReader reader = FlowReader.Open(File.OpenRead(path), InputFormat.Auto, path);
        int i = 0;
        while (reader.Read())
        {
            Assert.Equal(reader.LineNumber, records[i].LineNumber);
            Assert.Equal(reader.Columns.Take(records[i].Columns.Count), records[i].Columns);
            i++;
        }

        Assert.Equal(rows, i);
    }

    [Fact]
    public void Columns_are_properties_and_JSON_values_keep_their_types()
    {
        _ps.Set("path", TestPaths.InRepo("samples", "zeek", "conn.json"));
        PSObject first = _ps.Ok("Import-FlowLog $path")[0];
        Assert.Equal("10.0.0.23", first.Properties["id.orig_h"].Value);
        Assert.Equal(52814L, first.Properties["id.orig_p"].Value);
        Assert.Equal(6.899123, first.Properties["duration"].Value);
        Assert.Equal(true, first.Properties["local_orig"].Value);
        Assert.Equal("ShADadFf", first.Properties["history"].Value);
        Assert.Null(first.Properties["no_such_column"]);
        Assert.Equal(new object[] { "10.0.0.23", 52814L }, _ps.Ok("$r = (Import-FlowLog $path)[0]; $r.'id.orig_h'; $r.'ID.ORIG_P'").Select(o => o.BaseObject));
        Assert.Equal(2, _ps.Ok("Import-FlowLog $path | Where-Object { $_.'id.resp_p' -eq 3389 }").Count);
        Assert.Equal("System.Int64", _ps.Ok("(Import-FlowLog $path)[0].psobject.Properties['id.orig_p'].TypeNameOfValue")[0].BaseObject);

        // Nested JSON objects are flattened to dotted names, as Core's reader names them.
        _ps.Set("eve", TestPaths.InRepo("samples", "suricata", "eve.json"));
        Assert.Equal(1850L, _ps.Ok("(Import-FlowLog $eve)[0].'flow.bytes_toserver'")[0].BaseObject);
    }

    [Fact]
    public void Text_logs_give_strings_like_Import_Csv()
    {
        PSObject first = _ps.Ok("Import-FlowLog $args[0]", TestPaths.InRepo("samples", "zeek", "conn.log"))[0];
        Assert.Equal("52814", first.Properties["id.orig_p"].Value);
        Assert.Equal("tcp", first.Properties["proto"].Value);
        Assert.Equal(first.Properties.Select(p => p.Name), ((FlowLogRecord)first.BaseObject).Columns);
    }

    [Fact]
    public void Records_classify_like_the_same_rows_given_as_objects()
    {
        string path = TestPaths.InRepo("samples", "flows.csv");
        _ps.Set("rows", PSInputs.ImportCsv(path));
        FlowRoleResult[] fromLog = _ps.Ok("Import-FlowLog $args[0] | Get-FlowRole", path).Select(o => (FlowRoleResult)o.BaseObject).ToArray();
        FlowRoleResult[] fromObjects = _ps.Ok("$rows | Get-FlowRole").Select(o => (FlowRoleResult)o.BaseObject).ToArray();
        Assert.Equal(fromObjects.Length, fromLog.Length);
        for (int i = 0; i < fromLog.Length; i++)
        {
            Assert.Equal(fromObjects[i].Result.Client, fromLog[i].Result.Client);
            Assert.Equal(fromObjects[i].Result.Server, fromLog[i].Result.Server);
            Assert.Equal(fromObjects[i].RoleBasis, fromLog[i].RoleBasis);
            Assert.Equal(fromObjects[i].Findings, fromLog[i].Findings);
            Assert.IsType<FlowLogRecord>(((PSObject)fromLog[i].InputObject!).BaseObject);
        }
    }

    [Fact]
    public void Gzip_compressed_logs_and_wildcards_are_read()
    {
        string dir = Directory.CreateTempSubdirectory("flowrole-logs-").FullName;
        try
        {
            byte[] log = File.ReadAllBytes(TestPaths.InRepo("samples", "zeek", "conn.log"));
            File.WriteAllBytes(Path.Combine(dir, "conn.00:00:00-01:00:00.log"), log);
            using (var gz = new GZipStream(File.Create(Path.Combine(dir, "conn.01:00:00-02:00:00.log.gz")), CompressionLevel.Fastest))
            {
                gz.Write(log);
            }

            RunResult run = _ps.Run("Import-FlowLog (Join-Path $args[0] 'conn.*.log*')".Replace("(Join-Path $args[0] 'conn.*.log*')", "([IO.Path]::Combine($args[0], 'conn.*.log*'))"), dir);
            Assert.Empty(run.Errors);
            Assert.Equal(26, run.Output.Count);
            Assert.Equal(run.Output.Take(13).Select(o => ((FlowLogRecord)o.BaseObject).GetValue("uid")), run.Output.Skip(13).Select(o => ((FlowLogRecord)o.BaseObject).GetValue("uid")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_is_reported_and_the_next_one_is_read()
    {
        RunResult run = _ps.Run("Import-FlowLog -Path ./no-such-dir/nothing.log, $args[0]; Import-FlowLog -LiteralPath ./nothing[1].log", TestPaths.InRepo("samples", "flows.csv"));
        Assert.Equal(20, run.Output.Count);
        Assert.Equal(new[] { "PathNotFound" + Cmdlet, "PathNotFound" + Cmdlet }, run.Errors.Select(e => e.FullyQualifiedErrorId));
        Assert.All(run.Errors, e => Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_reported_and_the_next_one_is_read()
    {
        string broken = Path.Combine(Path.GetTempPath(), "flowrole-broken-" + Guid.NewGuid().ToString("N") + ".log.gz");
        File.WriteAllBytes(broken, new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05 });
        try
        {
            RunResult run = _ps.Run("Import-FlowLog -LiteralPath $args[0], $args[1]", broken, TestPaths.InRepo("samples", "flows.csv"));
            ErrorRecord error = Assert.Single(run.Errors);
            Assert.Equal("FileReadError" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ReadError, error.CategoryInfo.Category);
            Assert.Equal(broken, error.TargetObject);
            Assert.Equal(20, run.Output.Count);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void A_malformed_row_is_reported_once_and_kept_in_order()
    {
        string path = Path.Combine(Path.GetTempPath(), "flowrole-bad-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, "src_ip,src_port,dest_ip,dest_port,transport\n10.0.0.1,50000,10.0.0.2,22,tcp\n10.0.0.3,\"50001,10.0.0.4,22,tcp\n");
        File.AppendAllText(path, "10.0.0.5,50002,10.0.0.6,22,tcp\n");
        try
        {
            RunResult read = _ps.Run("Import-FlowLog $args[0]", path);
            FlowLogRecord[] records = read.Output.Select(o => (FlowLogRecord)o.BaseObject).ToArray();
            ErrorRecord error = Assert.Single(read.Errors);
            Assert.Equal("MalformedRow" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.StartsWith(path + ":3: ", error.Exception.Message, StringComparison.Ordinal);
            Assert.Same(records.Single(r => r.ReadError is not null), error.TargetObject);

            // Get-FlowRole does not report it again; the rows around it are classified.
            RunResult classified = _ps.Run("Import-FlowLog $args[0] | Get-FlowRole", path);
            Assert.Single(classified.Errors);
            Assert.True(classified.Output.Count >= 1);
            Assert.Equal("10.0.0.1", ((FlowRoleResult)classified.Output[0].BaseObject).ClientAddress);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_header_without_flow_fields_warns_once_and_Get_FlowRole_reports_each_row()
    {
        string path = Path.Combine(Path.GetTempPath(), "flowrole-noflow-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, "user,host\nalice,ws1\nbob,ws2\n");
        try
        {
            RunResult run = _ps.Run("Import-FlowLog $args[0] | Get-FlowRole", path);
            Assert.StartsWith(path + ": no source address field", Assert.Single(run.Warnings), StringComparison.Ordinal);
            Assert.Equal(new[] { "NoColumn", "NoColumn" }, run.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Paths_bind_from_the_pipeline_and_the_format_can_be_forced()
    {
        string path = TestPaths.InRepo("samples", "windows", "pfirewall.log");
        Assert.Equal(10, _ps.Ok("[IO.FileInfo]::new($args[0]) | Import-FlowLog", path).Count);
        Assert.Equal(10, _ps.Ok("[pscustomobject]@{ PSPath = $args[0] } | Import-FlowLog", path).Count);
        Assert.Equal(10, _ps.Ok("Import-FlowLog $args[0] -Format WindowsFirewall", path).Count);
        RunResult wrong = _ps.Run("Import-FlowLog $args[0] -Format Json | Get-FlowRole", path);
        Assert.NotEmpty(wrong.Errors);
    }

    [Fact]
    public void Reading_reports_progress_and_completes_it()
    {
        RunResult run = _ps.Run("$ProgressPreference = 'Continue'; $null = Import-FlowLog $args[0]", TestPaths.InRepo("samples", "zeek", "conn.log"));
        Assert.Contains(_ps.Host.Progress, p => p.Activity == "Import-FlowLog" && p.RecordType == ProgressRecordType.Completed);
        Assert.Empty(run.Errors);
    }
}
