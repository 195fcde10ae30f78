using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using FlowRole.Fields;
using FlowRole.Formats;
using FlowRole.PowerShell.Binding;
using FlowRole.PowerShell.Errors;
using FlowRole.PowerShell.Logs;
using FlowRole.PowerShell.Results;

namespace FlowRole.PowerShell.Commands;

/// <summary>
/// Writes Get-FlowRole results to a CSV or JSON lines file with the same schema as the flowrole command-line tool.
/// </summary>
/// <remarks>
/// <para>Each result is written as its input's fields, in order, followed by the output contract's fields: client_ip,
/// client_port, server_ip, server_port, transport, service, role_basis, role_confidence, swapped, client_port_class,
/// server_port_class, client_scope, server_scope, direction, suspicious, severity, findings, finding_sources,
/// attack_techniques, community_id and flowrole_error. The writers are FlowRole's own (the CLI's), so a file exported
/// here is byte-for-byte what `flowrole classify` writes for the same rows.</para>
/// <para>CSV takes its header from the first result (multivalue fields are joined with ;). A later result with fields
/// the header lacks is written without them, with a warning; use -Format Json to keep every field of mixed inputs. JSON
/// lines keep an Import-FlowLog JSON record as it was written and append the output fields; ports and confidence are
/// numbers, swapped and suspicious booleans, multivalue fields arrays.</para>
/// <para>The file is always created, even when no result arrives (a CSV then holds the header alone), so a scheduled
/// hunt leaves a report every run.</para>
/// </remarks>
/// <example>
/// <code>Import-FlowLog .\conn.log | Get-FlowRole | Export-FlowRole .\conn-classified.csv</code>
/// <para>Classifies a Zeek conn.log and writes every column of it plus FlowRole's fields to a CSV file.</para>
/// </example>
/// <example>
/// <code>Import-FlowLog .\eve.json | Get-FlowRole -MinimumSeverity Medium | Export-FlowRole .\findings.jsonl</code>
/// <para>Writes the medium-or-worse findings of a Suricata eve.json as JSON lines (the format follows the .jsonl extension).</para>
/// </example>
/// <example>
/// <code>Import-FlowLog .\firewall.csv | Get-FlowRole | Export-FlowRole .\for-excel.csv -SpreadsheetSafe</code>
/// <para>Writes a CSV to open in a spreadsheet: a logged value such as =HYPERLINK(...) stays text, written as '=HYPERLINK(...).</para>
/// </example>
/// <example>
/// <code>Get-FlowRole -LocalConnections | Export-FlowRole -Path .\connections.csv -FieldPrefix fr_ -NoClobber</code>
/// <para>Snapshots this host's connections; FlowRole's fields get the prefix fr_, and an existing file is not overwritten.</para>
/// </example>
[Cmdlet(VerbsData.Export, "FlowRole", DefaultParameterSetName = PathSet)]
[OutputType(typeof(FlowRoleResult))]
public sealed class ExportFlowRoleCommand : PSCmdlet, IDisposable
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private readonly StagedRow _replay = new();
    private readonly ObjectReader _objects = new();
    private readonly HashSet<IReadOnlyList<string>> _warnedColumns = new();
    private string? _resolvedPath;
    private OutputFormat _format;
    private FlowWriter? _writer;
    private ClassificationContext? _context;
    private IReadOnlyList<string>? _header;
    private Dictionary<string, int>? _headerCounts;
    private long _position;

    /// <summary>Get-FlowRole results to write.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public FlowRoleResult? InputObject { get; set; }

    /// <summary>The file to write. The format follows the extension (.json, .jsonl, .ndjson: JSON lines; else CSV) unless -Format is given.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The file to write, used exactly as written.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string? LiteralPath { get; set; }

    /// <summary>Csv or Json (JSON lines).</summary>
    [Parameter]
    [ValidateSet("Csv", "Json", IgnoreCase = true)]
    public string? Format { get; set; }

    /// <summary>A prefix for FlowRole's field names (e.g. fr_), to keep clear of input columns with the same name, such as CIM's transport.</summary>
    [Parameter]
    [ValidatePattern("^[A-Za-z0-9_.-]*$")]
    public string? FieldPrefix { get; set; }

    /// <summary>
    /// Makes a CSV file safe to open in a spreadsheet (OWASP's CSV injection advice): every cell that starts with =, +,
    /// -, @, a tab or a carriage return is quoted and prefixed with a single quote, so Excel or LibreOffice shows it as
    /// text instead of running it as a formula. It changes those values, so leave it off for files other tools read.
    /// JSON output ignores it.
    /// </summary>
    [Parameter]
    public SwitchParameter SpreadsheetSafe { get; set; }

    /// <summary>Does not overwrite an existing file.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Also returns each result, so the pipeline can go on.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
    }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        string path = ParameterSetName == LiteralPathSet ? LiteralPath! : Path!;
        try
        {
            _resolvedPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        }
        catch (Exception e) when (e is System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or PSArgumentException)
        {
            ThrowTerminatingError(ErrorRecords.NotFound(ErrorIds.PathNotFound, "Cannot write '" + path + "': " + e.Message, path));
        }

        _format = Format is not null
            ? (string.Equals(Format, "Json", StringComparison.OrdinalIgnoreCase) ? OutputFormat.Json : OutputFormat.Csv)
            : FormatOf(_resolvedPath!);
        if (NoClobber && File.Exists(_resolvedPath))
        {
            ThrowTerminatingError(new ErrorRecord(new IOException("The file '" + _resolvedPath + "' already exists (-NoClobber)."),
                ErrorIds.FileExists, ErrorCategory.ResourceExists, _resolvedPath));
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        _position++;
        FlowRoleResult? result = InputObject;
        if (result is null)
        {
            return;
        }

        if (_context is not null && !result.Context.RendersLike(_context))
        {
            WriteError(new ErrorRecord(new InvalidOperationException("input " + _position.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " was classified under another policy or Community ID seed than the results already written to this file; export each run to its own file."),
                ErrorIds.PolicyMismatch, ErrorCategory.InvalidOperation, result));
            return;
        }

        Stage(result);
        try
        {
            _writer ??= CreateWriter(result.Context, _replay.Columns);
            WarnAboutExtraColumns();
            _writer.WriteResult(_replay, result.Result);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(ErrorRecords.WriteError(_resolvedPath!, e));
        }

        if (PassThru)
        {
            WriteObject(result);
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        try
        {
            // A run without results still leaves its (header-only) report.
            _writer ??= CreateWriter(new ClassificationContext(Classifier.Default), Array.Empty<string>());
            _writer.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(ErrorRecords.WriteError(_resolvedPath!, e));
        }
        finally
        {
            Dispose();
        }
    }

    private static OutputFormat FormatOf(string path) =>
        System.IO.Path.GetExtension(path).ToLowerInvariant() is ".json" or ".jsonl" or ".ndjson" ? OutputFormat.Json : OutputFormat.Csv;

    private void Stage(FlowRoleResult result)
    {
        object? input = result.InputObject is PSObject wrapped ? wrapped.BaseObject : result.InputObject;
        if (input is FlowLogRecord log)
        {
            _replay.Load(log, log.Header.Columns);
            return;
        }

        InputRow row;
        if (result.Row is { } given)
        {
            row = given;
        }
        else if (input is string alert)
        {
            // Alert text piped into Get-FlowRole: the line itself is the input's one field.
            row = new InputRow(new[] { FlowRole.Text.AlertTextParser.TextFieldName }, new object?[] { alert });
        }
        else if (result.InputObject is not null)
        {
            _objects.Read(PSObject.AsPSObject(result.InputObject));
            row = _objects.Snapshot();
        }
        else
        {
            row = new InputRow(Array.Empty<string>(), Array.Empty<object?>());
        }

        _replay.Load(row, row.Columns, _position);
    }

    private FlowWriter CreateWriter(ClassificationContext context, IReadOnlyList<string> columns)
    {
        var stream = new FileStream(_resolvedPath!, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        _context = context;
        _header = _format == OutputFormat.Csv ? new List<string>(columns) : null;
        if (_header is not null)
        {
            _headerCounts = Count(_header);
        }

        return FlowWriter.Create(_format, stream, context.Formatter, _header, leaveOpen: false, fieldPrefix: FieldPrefix,
            spreadsheetSafe: SpreadsheetSafe.IsPresent);
    }

    private void WarnAboutExtraColumns()
    {
        if (_headerCounts is null)
        {
            return;
        }

        IReadOnlyList<string> columns = _replay.Columns;
        Dictionary<string, int> counts = Count(columns);
        var extra = new List<string>();
        foreach (KeyValuePair<string, int> pair in counts)
        {
            _headerCounts.TryGetValue(pair.Key, out int inHeader);
            if (pair.Value > inHeader)
            {
                extra.Add(pair.Key);
            }
        }

        if (extra.Count == 0)
        {
            return;
        }

        // Core's CSV writer needs every column in the header: present the row without the ones it lacks.
        var kept = new List<string>();
        var values = new List<object?>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++)
        {
            seen.TryGetValue(columns[i], out int occurrence);
            seen[columns[i]] = occurrence + 1;
            _headerCounts.TryGetValue(columns[i], out int inHeader);
            if (occurrence < inHeader)
            {
                kept.Add(columns[i]);
                values.Add(_replay.Cells.Length > i ? CellValue(i) : null);
            }
        }

        if (_warnedColumns.Add(columns))
        {
            WriteWarning("Export-FlowRole: input " + _position.ToString(System.Globalization.CultureInfo.InvariantCulture) + " has fields the CSV header (from the first result) lacks, not written: "
                + string.Join(", ", extra) + ". Use -Format Json to keep every field.");
        }

        string[] keptColumns = kept.ToArray();
        _replay.Load(new InputRow(keptColumns, values.ToArray()), keptColumns, _position);
    }

    private object? CellValue(int column)
    {
        Cell cell = _replay.Cells[column];
        if (cell.IsMissing)
        {
            return null;
        }

        string text = System.Text.Encoding.UTF8.GetString(cell.Slice(_replay.RowData).ToArray());
        return text;
    }

    private static Dictionary<string, int> Count(IReadOnlyList<string> columns)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string name in columns)
        {
            counts.TryGetValue(name, out int n);
            counts[name] = n + 1;
        }

        return counts;
    }
}
