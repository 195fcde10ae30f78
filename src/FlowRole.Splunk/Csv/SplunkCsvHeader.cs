using System;
using System.Collections.Generic;
using System.Text;

namespace FlowRole.Splunk.Csv;

/// <summary>
/// The header row of one chunk's CSV body: column names, both as the exact bytes splunkd sent (written back
/// unchanged) and decoded for lookups, and each field's <c>__mv_</c> companion column.
/// </summary>
public sealed class SplunkCsvHeader
{
    /// <summary>The prefix of a multivalue companion column.</summary>
    public const string MultivaluePrefix = "__mv_";

    private readonly byte[][] _raw;
    private readonly string[] _names;
    private readonly int[] _multivalue;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a header from raw UTF-8 column names.</summary>
    public SplunkCsvHeader(IReadOnlyList<byte[]> rawNames)
    {
        ArgumentNullException.ThrowIfNull(rawNames);
        int count = rawNames.Count;
        _raw = new byte[count][];
        _names = new string[count];
        _multivalue = new int[count];
        _index = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            _raw[i] = rawNames[i];
            _names[i] = Encoding.UTF8.GetString(rawNames[i]);
            _index.TryAdd(_names[i], i);
        }

        for (int i = 0; i < count; i++)
        {
            _multivalue[i] = IsMultivalueColumn(i) ? -1 : IndexOf(MultivaluePrefix + _names[i]);
        }
    }

    /// <summary>The number of columns.</summary>
    public int Count => _names.Length;

    /// <summary>The decoded name of a column (invalid UTF-8 shows as U+FFFD).</summary>
    public string this[int column] => _names[column];

    /// <summary>The column's name exactly as received.</summary>
    public ReadOnlySpan<byte> RawName(int column) => _raw[column];

    /// <summary>The first column with this exact (case-sensitive, as in Splunk) name, or -1.</summary>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _index.TryGetValue(name, out int column) ? column : -1;
    }

    /// <summary>True when the column is a <c>__mv_</c> companion column.</summary>
    public bool IsMultivalueColumn(int column) => _names[column].StartsWith(MultivaluePrefix, StringComparison.Ordinal);

    /// <summary>The index of a plain column's <c>__mv_</c> companion, or -1 when there is none.</summary>
    public int MultivalueColumnOf(int column) => _multivalue[column];

    /// <summary>The decoded names, in order.</summary>
    public IReadOnlyList<string> Names => _names;
}
