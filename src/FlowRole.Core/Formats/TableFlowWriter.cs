using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using FlowRole.Fields;

namespace FlowRole.Formats;

/// <summary>
/// A readable table for terminals: client and server endpoints, transport, service, basis, confidence, direction,
/// severity and findings, aligned in blocks of rows (widths only grow, so memory stays bounded). Rows that could not
/// be classified show their line and error. Input columns are not shown; use CSV or JSON for them.
/// </summary>
internal sealed class TableFlowWriter : FlowWriter
{
    private const int BlockRows = 64;
    private static readonly string[] Headings = { "CLIENT", "SERVER", "PROTO", "SERVICE", "BASIS", "CONF", "DIRECTION", "SEVERITY", "FINDINGS" };

    private readonly List<string[]?> _rows = new(BlockRows);
    private readonly List<string?> _errors = new(BlockRows);
    private readonly int[] _widths = Array.ConvertAll(Headings, h => h.Length);
    private bool _headerWritten;

    public TableFlowWriter(Stream output, FlowResultFormatter formatter, bool leaveOpen)
        : base(output, formatter, leaveOpen)
    {
    }

    public override OutputFormat Format => OutputFormat.Table;

    public override void Flush()
    {
        WriteBlock();
        base.Flush();
    }

    private protected override void WriteRow(IFlowRow row, in FlowResult result, string? error, ReadOnlySpan<byte> communityId, bool hasCommunityId)
    {
        if (error is not null)
        {
            string where = error.StartsWith("line ", StringComparison.Ordinal)
                ? string.Empty
                : "line " + row.LineNumber.ToString(CultureInfo.InvariantCulture) + ": ";
            _rows.Add(null);
            _errors.Add("! " + where + error);
        }
        else
        {
            string[] cells =
            {
                Endpoint(result.Client),
                Endpoint(result.Server),
                FlowNames.Name(result.Transport),
                result.Service ?? "-",
                FlowNames.Name(result.Basis),
                Formatter.Format(OutputField.RoleConfidence, result),
                FlowNames.Name(result.Direction),
                FlowNames.Name(result.Severity),
                string.Join(",", Formatter.GetStrings(OutputField.Findings, result)),
            };
            _rows.Add(cells);
            _errors.Add(null);
        }

        if (_rows.Count >= BlockRows)
        {
            WriteBlock();
        }
    }

    private static string Endpoint(Flows.Endpoint endpoint) => endpoint.ToString();

    private void WriteBlock()
    {
        if (_rows.Count == 0 && _headerWritten)
        {
            return;
        }

        foreach (string[]? cells in _rows)
        {
            if (cells is null)
            {
                continue;
            }

            for (int i = 0; i < cells.Length; i++)
            {
                _widths[i] = Math.Max(_widths[i], cells[i].Length);
            }
        }

        var sb = new StringBuilder();
        if (!_headerWritten)
        {
            AppendLine(sb, Headings);
            _headerWritten = true;
        }

        for (int r = 0; r < _rows.Count; r++)
        {
            if (_rows[r] is { } cells)
            {
                AppendLine(sb, cells);
            }
            else
            {
                sb.Append(_errors[r]).Append('\n');
            }
        }

        _rows.Clear();
        _errors.Clear();
        Output.Write(Encoding.UTF8.GetBytes(sb.ToString()));
    }

    private void AppendLine(StringBuilder sb, string[] cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (i == cells.Length - 1)
            {
                sb.Append(cells[i]);
            }
            else
            {
                sb.Append(cells[i]).Append(' ', _widths[i] - cells[i].Length + 2);
            }
        }

        // No trailing spaces when the last column is empty.
        int end = sb.Length;
        while (end > 0 && sb[end - 1] == ' ')
        {
            end--;
        }

        sb.Length = end;
        sb.Append('\n');
    }
}
