using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Fields;
using FlowRole.Formats;
using FlowRole.Fuzzing;
using Xunit;

namespace FlowRole.Tests.Properties;

/// <summary>
/// Nothing is lost: for generated tables in every line format (quoted CSV with embedded line breaks, TSV, Zeek with
/// its header directives, JSON lines), the CSV output has exactly one record per input row, in order, and every
/// original field comes out byte for byte, whether the row classified or carries <c>flowrole_error</c>. The same
/// inputs also go through the fuzz target, which adds the read-boundary and JSON-output invariants.
/// </summary>
public sealed class NothingLostProperties
{
    [Theory]
    [InlineData(InputFormat.Csv, 1)]
    [InlineData(InputFormat.Tsv, 2)]
    [InlineData(InputFormat.Zeek, 3)]
    [InlineData(InputFormat.Json, 4)]
    public void EveryRowComesOutOnceInOrderWithItsFieldsIntact(InputFormat format, int seed) =>
        Property.ForAll(seed, count: 400, random => (Table: Zeekable(format, TableGen.Table(random)), Seed: random.Next()), c =>
        {
            (byte[] bytes, Table expected) = TableGen.Render(c.Table, format, new Random(c.Seed));
            CheckCsvOutput(bytes, format, expected);
            FlowsTarget.Run(bytes, format);
        }, c => c.Table.Shrink().Select(t => (t, c.Seed)), c => format + " table:\n" + c.Table);

    [Fact]
    public void DetectedFormatsLoseNothingEither() =>
        Property.ForAll(seed: 11, count: 200, random => (Table: Zeekable(InputFormat.Zeek, TableGen.Table(random)), Format: (InputFormat)random.Next(1, 5), Seed: random.Next()), c =>
        {
            (byte[] bytes, Table expected) = TableGen.Render(c.Table, c.Format, new Random(c.Seed));

            // A TSV header holding commas is ambiguous (detection counts separators on the first line): not this test's subject.
            bool ambiguous = c.Format == InputFormat.Tsv && expected.Columns.Count(n => n.Contains(',', StringComparison.Ordinal)) >= expected.Columns.Length - 1;
            if (expected.Rows.Count > 0 && !ambiguous)
            {
                CheckCsvOutput(bytes, InputFormat.Auto, expected, c.Format);
            }
        }, show: c => c.Format + " table:\n" + c.Table);

    /// <summary>Zeek (and W3C) logs never repeat a field name; the generator's duplicate column is kept for CSV/TSV/JSON.</summary>
    private static Table Zeekable(InputFormat format, Table table) => format == InputFormat.Zeek ? table.Distinct() : table;

    private static void CheckCsvOutput(byte[] input, InputFormat format, Table expected, InputFormat? detectedAs = null)
    {
        var output = new MemoryStream();
        int rows = 0;
        IReadOnlyList<string> columns;
        using (FlowReader first = FlowReader.Open(new MemoryStream(input), format, "gen"))
        {
            columns = first.ReadAllColumns().ToArray();
            if (detectedAs is { } expectedFormat && expected.Rows.Count > 0)
            {
                Assert.Equal(expectedFormat, first.Format);
            }
        }

        Assert.Equal(expected.Columns, columns);
        var formatter = new FlowResultFormatter(Classifier.Default);
        using (FlowReader reader = FlowReader.Open(new MemoryStream(input), format, "gen"))
        using (FlowWriter writer = FlowWriter.Create(OutputFormat.Csv, output, formatter, columns, leaveOpen: true))
        {
            FlowRecordBinder? binder = null;
            int version = -1;
            while (reader.Read())
            {
                rows++;
                if (reader.ColumnsVersion != version)
                {
                    binder = new FlowRecordBinder(reader.Columns);
                    version = reader.ColumnsVersion;
                }

                string? problem = reader.RowError;
                Flows.FlowRecord record = default;
                if (problem is null && !binder!.TryBind(reader.RowData, reader.Cells, out record, out FieldError error))
                {
                    problem = error.Message;
                }

                if (problem is null)
                {
                    writer.WriteResult(reader, Classifier.Default.Classify(record));
                }
                else
                {
                    writer.WriteError(reader, problem);
                }
            }
        }

        List<List<byte[]>> records = CsvRecords.Parse(output.ToArray());
        Assert.Equal(expected.Rows.Count, rows);
        Assert.Equal(expected.Rows.Count + 1, records.Count);
        for (int c = 0; c < expected.Columns.Length; c++)
        {
            Assert.Equal(expected.Columns[c], Encoding.UTF8.GetString(records[0][c]));
        }

        for (int r = 0; r < expected.Rows.Count; r++)
        {
            for (int c = 0; c < expected.Columns.Length; c++)
            {
                byte[] original = Encoding.UTF8.GetBytes(expected.Rows[r][c]);
                Assert.True(original.AsSpan().SequenceEqual(records[r + 1][c]),
                    "row " + (r + 1) + " column '" + expected.Columns[c] + "': in '" + expected.Rows[r][c] + "', out '" + Encoding.UTF8.GetString(records[r + 1][c]) + "'");
            }
        }
    }
}
