using System;
using System.Globalization;
using FlowRole.Splunk.Csv;

namespace FlowRole.Fuzzing;

/// <summary>
/// The Splunk CSV body reader. Invariants: the only failure is a <see cref="FormatException"/> for an unreadable
/// header; every row's cells lie inside the body, one per header column; row numbers count up from 1; a malformed
/// row says which row it is; the reader always reaches the end of the body.
/// </summary>
internal static class ScpCsvTarget
{
    public static void Run(byte[] data)
    {
        var reader = new SplunkCsvReader();
        reader.Reset((byte[])data.Clone()); // a copy: the reader unescapes in place
        bool header;
        try
        {
            header = reader.ReadHeader();
        }
        catch (FormatException e)
        {
            InvariantException.Check(e.Message.StartsWith("CSV header: ", StringComparison.Ordinal), "a header error that does not say so: " + e.Message);
            return;
        }

        if (!header)
        {
            InvariantException.Check(reader.Header is null, "an empty body with a header");
            return;
        }

        SplunkCsvHeader names = reader.Header!;
        for (int i = 0; i < names.Count; i++)
        {
            int mv = names.MultivalueColumnOf(i);
            InvariantException.Check(mv == -1 || (mv >= 0 && mv < names.Count && names.IsMultivalueColumn(mv)), "a bad __mv_ companion index");
            InvariantException.Check(names.IndexOf(names[i]) <= i, "IndexOf does not find the first column of a name");
        }

        int rows = 0;
        while (reader.ReadRow())
        {
            rows++;
            InvariantException.Check(reader.RowNumber == rows, "row numbers do not count up");
            ReadOnlySpan<byte> body = reader.Data;
            ReadOnlySpan<Formats.Cell> cells = reader.Cells;
            InvariantException.Check(cells.Length == names.Count, "a row does not have one cell per header column");
            foreach (Formats.Cell cell in cells)
            {
                InvariantException.Check((long)cell.Start + cell.Length <= body.Length, "a cell lies outside the body");
            }

            string? error = reader.RowError;
            InvariantException.Check(error is null || error.StartsWith("CSV row " + rows.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
                "a row error that does not name its row: " + error);
            InvariantException.Check(rows <= data.Length + 1, "more rows than the body has bytes");
        }
    }
}
