using System;
using System.Collections.Generic;
using FlowRole.Formats;

namespace FlowRole.PowerShell.Logs;

/// <summary>The column names shared by the rows of one log file (until the file's header changes).</summary>
internal sealed class LogHeader
{
    private readonly Dictionary<string, int> _index;

    public LogHeader(IReadOnlyList<string> columns, string source, InputFormat format)
    {
        var copy = new string[columns.Count];
        _index = new Dictionary<string, int>(copy.Length, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = columns[i];

            // PowerShell property names ignore case; the first column of a name wins, as in Import-Csv.
            if (!_index.ContainsKey(copy[i]))
            {
                _index.Add(copy[i], i);
            }
        }

        Columns = copy;
        Source = source;
        Format = format;
    }

    public string[] Columns { get; }

    public string Source { get; }

    public InputFormat Format { get; }

    public int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i : -1;
}
