using System;
using System.Collections.Generic;
using System.IO;
using FlowRole.Fields;

namespace FlowRole.Formats;

/// <summary>
/// Writes classified rows: each input row's fields, in order, then the output contract's fields (or
/// <c>flowrole_error</c> for a row that could not be classified). Output goes through a pooled buffer; a row costs
/// no allocation in the CSV and JSON writers.
/// </summary>
public abstract class FlowWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private bool _disposed;

    /// <summary>Creates a writer.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="formatter">Renders the output fields.</param>
    /// <param name="leaveOpen">True to leave <paramref name="output"/> open on dispose.</param>
    private protected FlowWriter(Stream output, FlowResultFormatter formatter, bool leaveOpen)
    {
        _stream = output ?? throw new ArgumentNullException(nameof(output));
        Formatter = formatter ?? throw new ArgumentNullException(nameof(formatter));
        _leaveOpen = leaveOpen;
        Output = new Utf8Output(output);
    }

    /// <summary>The format written.</summary>
    public abstract OutputFormat Format { get; }

    /// <summary>How many rows have been written.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>The formatter in use.</summary>
    protected FlowResultFormatter Formatter { get; }

    internal Utf8Output Output { get; }

    /// <summary>
    /// Creates a writer for a format. CSV needs every input column up front (<paramref name="inputColumns"/>, see
    /// <see cref="MergeColumns"/>); JSON writes each row's own fields and the table shows none, so they ignore it.
    /// <paramref name="fieldPrefix"/> goes before every output field name (e.g. <c>fr_</c>, to keep clear of input
    /// columns that share a name such as CIM's <c>transport</c>).
    /// </summary>
    /// <remarks>
    /// With <paramref name="header"/> false a CSV writer writes rows only, so several writers can each produce a
    /// block of rows (on different threads) to be concatenated after one header. With
    /// <paramref name="spreadsheetSafe"/> a CSV writer guards against CSV (formula) injection as OWASP advises: every
    /// cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is quoted and gets a
    /// leading <c>'</c>, so spreadsheets show it as text. That changes those cells' bytes, so it is opt-in, for files
    /// meant for spreadsheets, not for tools that read the values back. Other formats ignore it.
    /// </remarks>
    public static FlowWriter Create(OutputFormat format, Stream output, FlowResultFormatter formatter, IReadOnlyList<string>? inputColumns,
        bool leaveOpen = false, string? fieldPrefix = null, bool header = true, bool spreadsheetSafe = false) =>
        format switch
        {
            OutputFormat.Csv => new CsvFlowWriter(output, formatter, inputColumns ?? Array.Empty<string>(), leaveOpen, fieldPrefix ?? string.Empty, header,
                spreadsheetSafe),
            OutputFormat.Json => new JsonFlowWriter(output, formatter, leaveOpen, fieldPrefix ?? string.Empty),
            OutputFormat.Table => new TableFlowWriter(output, formatter, leaveOpen),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };

    /// <summary>
    /// Merges several inputs' column lists into one: the first list as it is (duplicates included), then each later
    /// list's names that are not there yet (matched by name and occurrence), in order.
    /// </summary>
    public static IReadOnlyList<string> MergeColumns(IEnumerable<IReadOnlyList<string>> columnLists)
    {
        if (columnLists is null)
        {
            throw new ArgumentNullException(nameof(columnLists));
        }

        // Counted, not searched: a wide input (a JSON log naming thousands of keys) would make a search quadratic.
        var merged = new List<string>();
        var inMerged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (IReadOnlyList<string> list in columnLists)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string name in list)
            {
                seen.TryGetValue(name, out int occurrence);
                seen[name] = occurrence + 1;
                inMerged.TryGetValue(name, out int present);
                if (present <= occurrence)
                {
                    merged.Add(name);
                    inMerged[name] = present + 1;
                }
            }
        }

        return merged;
    }

    /// <summary>Writes a classified row.</summary>
    public void WriteResult(IFlowRow row, in FlowResult result)
    {
        WriteRow(row ?? throw new ArgumentNullException(nameof(row)), result, null, default, false);
        RowsWritten++;
    }

    /// <summary>
    /// Writes a classified row whose Community ID the caller has already computed as UTF-8 (empty: the flow has
    /// none), typically for a whole block at once with <see cref="Identity.CommunityId.Format"/>, which is several
    /// times faster than one flow at a time. It must come from the formatter's own hasher (same seed); when the
    /// formatter has none, the field stays empty as always.
    /// </summary>
    public void WriteResult(IFlowRow row, in FlowResult result, ReadOnlySpan<byte> communityId)
    {
        WriteRow(row ?? throw new ArgumentNullException(nameof(row)), result, null, communityId, true);
        RowsWritten++;
    }

    /// <summary>Writes a row that could not be classified, with its error.</summary>
    public void WriteError(IFlowRow row, string error)
    {
        WriteRow(row ?? throw new ArgumentNullException(nameof(row)), default, error ?? throw new ArgumentNullException(nameof(error)), default, false);
        RowsWritten++;
    }

    /// <summary>Writes buffered output to the stream.</summary>
    public virtual void Flush() => Output.Flush();

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Flushes and releases the buffer; closes the stream unless asked to leave it open.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (disposing)
        {
            Flush();
            Output.Dispose();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    /// <summary>
    /// Writes one row; <paramref name="error"/> is null for a classified row. <paramref name="hasCommunityId"/> says
    /// whether <paramref name="communityId"/> holds the row's Community ID, computed by the caller.
    /// </summary>
    private protected abstract void WriteRow(IFlowRow row, in FlowResult result, string? error, ReadOnlySpan<byte> communityId, bool hasCommunityId);

    internal static int IndexOfOccurrence(IReadOnlyList<string> list, string name, int occurrence)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], name, StringComparison.Ordinal) && occurrence-- == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
