using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;
using FlowRole.PowerShell.Errors;
using FlowRole.PowerShell.Logs;

namespace FlowRole.PowerShell.Commands;

/// <summary>
/// Reads flow records from Zeek conn.log (TSV or JSON), Suricata eve.json, CSV/TSV and Windows Firewall logs.
/// </summary>
/// <remarks>
/// <para>Import-FlowLog streams a log file through FlowRole's own readers, which parse UTF-8 directly and bind each row
/// to a flow record as they go, much faster than Import-Csv. The format is detected from the first bytes (a Zeek
/// #fields header, a W3C #Fields: header, JSON, or the first line's separators) unless -Format names it; gzip-compressed
/// files (Zeek's rotated conn.*.log.gz) are read transparently.</para>
/// <para>Each row comes out as a FlowRole.PowerShell.Logs.FlowLogRecord whose properties are the row's columns, so
/// Where-Object and Select-Object work as on Import-Csv output (JSON numbers and booleans keep their types; nested JSON
/// objects are flattened to dotted names such as flow.bytes_toserver). Get-FlowRole takes the record Core already bound
/// from the row without reading its properties again.</para>
/// <para>A row the reader cannot parse (wrong field count, broken quoting, bad JSON) is still returned, in order, and
/// reported as a non-terminating MalformedRow error naming the file and line; nothing is dropped. A file that cannot be
/// found or read gives an error and the next file is read.</para>
/// </remarks>
/// <example>
/// <code>Import-FlowLog .\conn.log | Get-FlowRole | Where-Object Suspicious</code>
/// <para>Classifies a Zeek conn.log, using Zeek's history and conn_state as evidence of who initiated.</para>
/// </example>
/// <example>
/// <code>Import-FlowLog /var/log/zeek/2026-08-01/conn.*.log.gz | Get-FlowRole -Learn | Export-FlowRole .\report.csv</code>
/// <para>Reads a day of rotated, compressed Zeek logs, classifies them with learning across the day, and writes a CSV report.</para>
/// </example>
/// <example>
/// <code>Import-FlowLog C:\Windows\System32\LogFiles\Firewall\pfirewall.log | Where-Object action -eq 'ALLOW' | Get-FlowRole</code>
/// <para>Reads the Windows Firewall log (its path column says which side sent the logged packet) and classifies the allowed connections.</para>
/// </example>
/// <example>
/// <code>Get-ChildItem .\eve-*.json | Import-FlowLog -Format Json | Get-FlowRole -SuspiciousOnly</code>
/// <para>Reads several Suricata eve.json files given through the pipeline; non-flow events (alerts, dns) are reported as NotAFlow by Get-FlowRole.</para>
/// </example>
[Cmdlet(VerbsData.Import, "FlowLog", DefaultParameterSetName = PathSet)]
[OutputType(typeof(FlowLogRecord))]
public sealed class ImportFlowLogCommand : PSCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const int ProgressIntervalMs = 250;

    private readonly Stopwatch _progressClock = Stopwatch.StartNew();

    /// <summary>Paths of the log files; wildcards are allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Paths of the log files, used exactly as written (no wildcards).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>
    /// The format: Auto (default: detected from the first bytes), Csv, Tsv, Zeek (conn.log TSV), Json (JSON lines, Zeek
    /// JSON logs, Suricata eve.json, ECS, OCSF) or WindowsFirewall (pfirewall.log).
    /// </summary>
    [Parameter]
    public InputFormat Format { get; set; } = InputFormat.Auto;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (string file in ResolveFiles())
        {
            ReadFile(file);
        }
    }

    private List<string> ResolveFiles()
    {
        var files = new List<string>();
        if (ParameterSetName == LiteralPathSet)
        {
            foreach (string path in LiteralPath!)
            {
                string resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                if (File.Exists(resolved))
                {
                    files.Add(resolved);
                }
                else
                {
                    WriteError(ErrorRecords.NotFound(ErrorIds.PathNotFound, "Cannot find the file '" + path + "'.", path));
                }
            }

            return files;
        }

        foreach (string path in Path!)
        {
            try
            {
                foreach (string resolved in GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider))
                {
                    if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider) || !File.Exists(resolved))
                    {
                        WriteError(ErrorRecords.NotFound(ErrorIds.PathNotFound, "'" + resolved + "' is not a file.", resolved));
                        continue;
                    }

                    files.Add(resolved);
                }
            }
            catch (Exception e) when (e is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException)
            {
                WriteError(ErrorRecords.NotFound(ErrorIds.PathNotFound, "Cannot find the file '" + path + "': " + e.Message, path));
            }
        }

        return files;
    }

    private void ReadFile(string path)
    {
        var progress = new ProgressRecord(2, "Import-FlowLog", "Reading " + path);
        try
        {
            using Stream stream = LogFile.Open(path, out FileStream file);
            using FlowReader reader = FlowReader.Open(stream, Format, path);
            FlowRecordBinder? binder = null;
            LogHeader? header = null;
            int version = -1;
            bool headerWarned = false;
            while (reader.Read())
            {
                if (reader.ColumnsVersion != version)
                {
                    version = reader.ColumnsVersion;
                    header = new LogHeader(reader.Columns, path, reader.Format);
                    binder = binder?.WithColumns(reader.Columns) ?? new FlowRecordBinder(reader.Columns);
                    if (reader.ColumnsAreFinal && binder.HeaderError.IsError && !headerWarned)
                    {
                        headerWarned = true;
                        WriteWarning(path + ": " + binder.HeaderError.Message + "; Get-FlowRole cannot classify its rows.");
                    }
                }

                FlowLogRecord record = Bind(reader, header!, binder!);
                if (record.ReadError is not null)
                {
                    record.ReadErrorReported = true;
                    WriteError(ErrorRecords.MalformedRow(record.ReadErrorMessage, 0, record));
                }

                WriteObject(record);
                if (_progressClock.ElapsedMilliseconds >= ProgressIntervalMs)
                {
                    _progressClock.Restart();
                    progress.PercentComplete = LogFile.PercentRead(file);
                    progress.StatusDescription = "Reading " + path + ": " + reader.RowCount.ToString("N0", CultureInfo.InvariantCulture) + " rows";
                    WriteProgress(progress);
                }
            }

            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            WriteError(ErrorRecords.ReadError(path, e));
        }
    }

    private static FlowLogRecord Bind(FlowReader reader, LogHeader header, FlowRecordBinder binder)
    {
        ReadOnlySpan<byte> data = reader.RowData;
        ReadOnlySpan<Cell> cells = reader.Cells;
        FlowRecord record = default;
        FieldError error = default;
        string? readError = reader.RowError;
        if (readError is null)
        {
            binder.TryBind(data, cells, out record, out error);
        }

        ReadOnlySpan<byte> raw = reader.RawRecord;
        return new FlowLogRecord(header, data.ToArray(), cells.ToArray(), raw.IsEmpty ? null : raw.ToArray(), reader.LineNumber,
            readError, record, error);
    }
}
