using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace FlowRole.Tests.Properties;

/// <summary>A generated input table: column names and rows of values, in order.</summary>
internal sealed class Table
{
    public Table(string[] columns, List<string[]> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public string[] Columns { get; }

    public List<string[]> Rows { get; }

    public Table Map(Func<string, string> change) => new(Columns, Rows.Select(r => r.Select(change).ToArray()).ToList());

    public Table WithLeadingColumn(string name, Func<int, string> value) =>
        new(new[] { name }.Concat(Columns).ToArray(), Rows.Select((r, i) => new[] { value(i) }.Concat(r).ToArray()).ToList());

    /// <summary>The table without repeated column names (the first of each kept).</summary>
    public Table Distinct()
    {
        int[] keep = Enumerable.Range(0, Columns.Length).Where(i => Array.IndexOf(Columns, Columns[i]) == i).ToArray();
        return new Table(keep.Select(i => Columns[i]).ToArray(), Rows.Select(r => keep.Select(i => r[i]).ToArray()).ToList());
    }

    /// <summary>Simpler tables: fewer rows (halves, then each row dropped), then each value emptied.</summary>
    public IEnumerable<Table> Shrink()
    {
        if (Rows.Count > 1)
        {
            yield return new Table(Columns, Rows.Take(Rows.Count / 2).ToList());
            yield return new Table(Columns, Rows.Skip(Rows.Count / 2).ToList());
        }

        for (int r = 0; r < Rows.Count; r++)
        {
            yield return new Table(Columns, Rows.Where((_, i) => i != r).ToList());
        }

        for (int r = 0; r < Rows.Count; r++)
        {
            for (int c = 0; c < Columns.Length; c++)
            {
                if (Rows[r][c].Length > 0 && Rows[r][c] != "x")
                {
                    List<string[]> rows = Rows.Select(row => (string[])row.Clone()).ToList();
                    rows[r][c] = "x";
                    yield return new Table(Columns, rows);
                }
            }
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder(string.Join(" | ", Columns));
        foreach (string[] row in Rows)
        {
            text.Append('\n').Append(string.Join(" | ", row.Select(v => v.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal))));
        }

        return text.ToString();
    }
}
