using System;
using System.Collections.Generic;

namespace FlowRole.Formats;

/// <summary>
/// One input row as writers need it: its columns, values and (for JSON) original text. <see cref="FlowReader"/> is
/// one; a front end that buffers rows (to classify them on several threads) supplies its own.
/// </summary>
public interface IFlowRow
{
    /// <summary>
    /// The column names the row's cells follow; the same list instance while <see cref="ColumnsVersion"/> holds. One
    /// list instance may only grow at its end (as a reader's columns do); columns that change otherwise come as a new
    /// list, so writers can extend what they derived from the names instead of starting over.
    /// </summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Changes whenever <see cref="Columns"/> changes.</summary>
    int ColumnsVersion { get; }

    /// <summary>The input's name in messages.</summary>
    string SourceName { get; }

    /// <summary>The 1-based line the row starts on.</summary>
    long LineNumber { get; }

    /// <summary>The row's values, indexed by <see cref="Cells"/>.</summary>
    ReadOnlySpan<byte> RowData { get; }

    /// <summary>One cell per column (more when the row had too many fields).</summary>
    ReadOnlySpan<Cell> Cells { get; }

    /// <summary>A JSON record's original text; empty for other formats and for rows that are not valid JSON.</summary>
    ReadOnlySpan<byte> RawRecord { get; }
}
