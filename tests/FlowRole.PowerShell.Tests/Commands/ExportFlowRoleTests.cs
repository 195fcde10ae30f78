using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;
using FlowRole.PowerShell.Tests.Infrastructure;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.PowerShell.Tests.Commands;

public sealed class ExportFlowRoleTests : IClassFixture<PowerShellSession>, IDisposable
{
    private const string Cmdlet = ",FlowRole.PowerShell.Commands.ExportFlowRoleCommand";

    private readonly PowerShellSession _ps;
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrole-export-").FullName;

    public ExportFlowRoleTests(PowerShellSession ps) => _ps = ps;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> Logs => new()
    {
        { "samples/flows.csv", "Csv" },
        { "samples/flows.csv", "Json" },
        { "samples/zeek/conn.log", "Csv" },
        { "samples/zeek/conn.log", "Json" },
        { "samples/zeek/conn.json", "Json" },
        { "samples/suricata/eve.json", "Json" },
        { "samples/windows/pfirewall.log", "Csv" },
        { "samples/windows/sysmon-network.csv", "Csv" },
    };

    [Theory]
    [MemberData(nameof(Logs))]
    public void Exported_log_rows_are_byte_for_byte_what_Cores_writer_gives_the_CLI(string sample, string format)
    {
        string input = TestPaths.InRepo(sample.Split('/'));
        string output = Path.Combine(_dir, "out." + format.ToLowerInvariant());
        RunResult run = _ps.Run("Import-FlowLog $args[0] | Get-FlowRole -ErrorAction SilentlyContinue | Export-FlowRole $args[1] -Format $args[2]", input, output, format);
        Assert.Empty(run.Warnings);
        Assert.Equal(CoreOutput(input, format == "Json" ? OutputFormat.Json : OutputFormat.Csv), File.ReadAllText(output));
    }

    [Fact]
    public void Objects_are_written_as_their_properties_then_the_output_contract()
    {
        string output = Path.Combine(_dir, "objects.csv");
        _ps.Ok("""
            [pscustomobject]@{ src_ip = '203.0.113.9'; src_port = 50211; dest_ip = '10.0.0.5'; dest_port = 3389; transport = 'tcp'; note = 'a, "quoted" note' } |
                Get-FlowRole | Export-FlowRole $args[0]
            """, output);
        string[] lines = File.ReadAllLines(output);
        Assert.Equal("src_ip,src_port,dest_ip,dest_port,transport,note," + string.Join(",", OutputContract.AllFields.Select(OutputContract.NameOf)), lines[0]);
        Assert.StartsWith("203.0.113.9,50211,10.0.0.5,3389,tcp,\"a, \"\"quoted\"\" note\",203.0.113.9,50211,10.0.0.5,3389,tcp,rdp,service_port,0.90,false,dynamic,registered,documentation,private,inbound,true,high,FR-RDP-INBOUND;FR-RDP-SESSION,",
            lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void Json_keeps_nested_objects_as_dotted_fields_and_numbers_as_numbers()
    {
        string output = Path.Combine(_dir, "nested.jsonl");
        _ps.Set("events", PSInputs.FromJson("""{"source":{"ip":"10.0.0.1","port":50000},"destination":{"ip":"10.0.0.2","port":53},"network":{"transport":"udp"},"ok":true,"gone":null}"""));
        _ps.Ok("$events | Get-FlowRole | Export-FlowRole $args[0]", output);
        string line = File.ReadAllText(output);
        Assert.StartsWith("{\"source.ip\":\"10.0.0.1\",\"source.port\":50000,\"destination.ip\":\"10.0.0.2\",\"destination.port\":53,\"network.transport\":\"udp\",\"ok\":true,\"gone\":null,\"client_ip\":\"10.0.0.1\",\"client_port\":50000,", line, StringComparison.Ordinal);
        Assert.EndsWith("}\n", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Flows_given_as_parameters_and_local_connections_export_their_fields()
    {
        string output = Path.Combine(_dir, "params.csv");
        _ps.Ok("Get-FlowRole 10.0.0.1 50000 10.0.0.2 53 udp | Export-FlowRole $args[0]", output);
        Assert.StartsWith("SourceAddress,SourcePort,DestinationAddress,DestinationPort,Transport,client_ip,", File.ReadAllLines(output)[0], StringComparison.Ordinal);
        Assert.StartsWith("10.0.0.1,50000,10.0.0.2,53,udp,10.0.0.1,50000,10.0.0.2,53,udp,dns,", File.ReadAllLines(output)[1], StringComparison.Ordinal);

        string local = Path.Combine(_dir, "local.csv");
        _ps.Ok("Get-FlowRole -LocalConnections | Export-FlowRole $args[0]", local);
        Assert.StartsWith("LocalAddress,LocalPort,RemoteAddress,RemotePort,State,client_ip,", File.ReadAllLines(local)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void No_input_still_leaves_a_report()
    {
        string csv = Path.Combine(_dir, "empty.csv");
        string json = Path.Combine(_dir, "empty.json");
        _ps.Ok("@() | Export-FlowRole $args[0]; @() | Export-FlowRole $args[1]", csv, json);
        Assert.Equal(string.Join(",", OutputContract.AllFields.Select(OutputContract.NameOf)) + "\n", File.ReadAllText(csv));
        Assert.Equal(string.Empty, File.ReadAllText(json));
    }

    [Fact]
    public void NoClobber_leaves_an_existing_file_alone_and_stops()
    {
        string output = Path.Combine(_dir, "kept.csv");
        File.WriteAllText(output, "keep me");
        RunResult run = _ps.Run("Get-FlowRole 10.0.0.1 50000 10.0.0.2 53 udp | Export-FlowRole $args[0] -NoClobber", output);
        Assert.Equal("FileExists" + Cmdlet, Assert.Single(run.Errors).FullyQualifiedErrorId);
        Assert.Equal("keep me", File.ReadAllText(output));
    }

    [Fact]
    public void A_field_prefix_goes_before_FlowRoles_names_and_PassThru_returns_the_results()
    {
        string output = Path.Combine(_dir, "prefixed.csv");
        List<PSObject> passed = _ps.Ok("Get-FlowRole 10.0.0.1 50000 10.0.0.2 53 udp | Export-FlowRole $args[0] -FieldPrefix fr_ -PassThru", output);
        Assert.Single(passed);
        Assert.Contains(",fr_client_ip,fr_client_port,", File.ReadAllLines(output)[0], StringComparison.Ordinal);
        Assert.Equal("ParameterArgumentValidationError" + Cmdlet,
            Assert.Single(_ps.Run("Get-FlowRole 10.0.0.1 1 10.0.0.2 2 | Export-FlowRole $args[0] -FieldPrefix 'a b'", output).Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Fields_the_CSV_header_lacks_are_dropped_with_a_warning_and_JSON_keeps_them()
    {
        const string mixed = "[pscustomobject]@{ src_ip = '10.0.0.1'; src_port = 1; dest_ip = '10.0.0.2'; dest_port = 22 }, [pscustomobject]@{ src_ip = '10.0.0.3'; src_port = 2; dest_ip = '10.0.0.4'; dest_port = 22; extra = 'x' } | Get-FlowRole";
        string csv = Path.Combine(_dir, "mixed.csv");
        RunResult run = _ps.Run(mixed + " | Export-FlowRole $args[0]", csv);
        Assert.Contains("not written: extra", Assert.Single(run.Warnings), StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("10.0.0.3,2,10.0.0.4,22,10.0.0.3,2,", lines[2], StringComparison.Ordinal);

        string json = Path.Combine(_dir, "mixed.json");
        Assert.Empty(_ps.Run(mixed + " | Export-FlowRole $args[0]", json).Warnings);
        Assert.Contains("\"extra\":\"x\"", File.ReadAllLines(json)[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Results_of_another_policy_are_refused_rather_than_mislabelled()
    {
        string policy = Path.Combine(_dir, "policy.json");
        File.WriteAllText(policy, """{ "version": 1, "disable": ["FR-RDP-SESSION"] }""");
        string output = Path.Combine(_dir, "two-policies.csv");
        RunResult run = _ps.Run("""
            $a = Get-FlowRole 203.0.113.9 50211 10.0.0.5 3389 tcp
            $b = Get-FlowRole 203.0.113.9 50212 10.0.0.5 3389 tcp -Policy $args[1]
            $a, $b | Export-FlowRole $args[0]
            """, output, policy);
        ErrorRecord error = Assert.Single(run.Errors);
        Assert.Equal("PolicyMismatch" + Cmdlet, error.FullyQualifiedErrorId);
        Assert.Equal(2, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void A_file_that_cannot_be_written_stops_the_command()
    {
        string output = Path.Combine(_dir, "no-such-folder", "out.csv");
        RunResult run = _ps.Run("Get-FlowRole 10.0.0.1 50000 10.0.0.2 53 udp | Export-FlowRole $args[0]", output);
        ErrorRecord error = Assert.Single(run.Errors);
        Assert.Equal("FileWriteError" + Cmdlet, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
        Assert.Equal(output, error.TargetObject);
    }

    [Fact]
    public void Only_FlowRole_results_are_accepted()
    {
        RunResult run = _ps.Run("Test-SuspiciousPort 4444 | Export-FlowRole $args[0]", Path.Combine(_dir, "wrong.csv"));
        Assert.Contains(run.Errors, e => e.FullyQualifiedErrorId.StartsWith("InputObjectNotBound", StringComparison.Ordinal));
    }

    /// <summary>What the CLI writes for a log: Core's reader, binder, classifier and writer, classified rows only.</summary>
    private static string CoreOutput(string path, OutputFormat format)
    {
        IReadOnlyList<string> columns;
        using (FlowReader first = FlowReader.Open(File.OpenRead(path), InputFormat.Auto, path))
        {
            first.Read();
            columns = format == OutputFormat.Csv ? first.Columns.ToArray() : Array.Empty<string>();
        }

        using var buffer = new MemoryStream();
        using (FlowWriter writer = FlowWriter.Create(format, buffer, new FlowResultFormatter(Classifier.Default), columns, leaveOpen: true))
        using (FlowReader reader = FlowReader.Open(File.OpenRead(path), InputFormat.Auto, path))
        {
            FlowRecordBinder? binder = null;
            int version = -1;
            while (reader.Read())
            {
                if (reader.ColumnsVersion != version)
                {
                    binder = new FlowRecordBinder(reader.Columns);
                    version = reader.ColumnsVersion;
                }

                if (reader.RowError is null && binder!.TryBind(reader.RowData, reader.Cells, out FlowRecord record, out _))
                {
                    writer.WriteResult(reader, Classifier.Default.Classify(record));
                }
            }
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
