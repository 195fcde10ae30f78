using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;

namespace FlowRole.Fuzzing;

/// <summary>
/// A log file through the whole Core pipeline, as the CLI runs it: reader, binder, classifier, CSV and JSON writers.
/// Invariants: no exception; a row's cells lie inside its data and its error names its line; reading in tiny pieces
/// gives exactly the rows of reading at once; every row comes out of both writers once, in order; each CSV output
/// record has the header's field count and carries every input value byte for byte; each JSON output line is one
/// valid JSON object; <c>flowrole_error</c> is set exactly on the rows that could not be classified.
/// </summary>
internal static class FlowsTarget
{
    public static void Run(byte[] data, InputFormat format)
    {
        List<RowSnapshot> rows = Read(data, format, int.MaxValue, out IReadOnlyList<string> columns, out InputFormat detected);

        // Read boundaries must not matter: the same input handed over in a few bytes at a time reads the same.
        int chunk = 1 + (data.Length % 5);
        List<RowSnapshot> trickled = Read(data, format, chunk, out IReadOnlyList<string> trickledColumns, out _);
        InvariantException.Check(trickled.Count == rows.Count, "reading in " + chunk.ToString(CultureInfo.InvariantCulture)
            + "-byte pieces gave " + trickled.Count.ToString(CultureInfo.InvariantCulture) + " rows, at once " + rows.Count.ToString(CultureInfo.InvariantCulture));
        for (int i = 0; i < rows.Count; i++)
        {
            InvariantException.Check(rows[i].Equals(trickled[i]), "row " + (i + 1).ToString(CultureInfo.InvariantCulture) + " differs when read in "
                + chunk.ToString(CultureInfo.InvariantCulture) + "-byte pieces:\n  " + rows[i] + "\n  " + trickled[i]);
        }

        InvariantException.Check(Same(columns, trickledColumns), "the columns differ when read in pieces");
        Write(data, detected, rows, columns);
    }

    private static List<RowSnapshot> Read(byte[] data, InputFormat format, int chunk, out IReadOnlyList<string> columns, out InputFormat detected)
    {
        var rows = new List<RowSnapshot>();
        Stream stream = chunk == int.MaxValue ? new MemoryStream(data, writable: false) : FuzzInput.Trickle(data, chunk);
        using FlowReader reader = FlowReader.Open(stream, format, "fuzz");
        detected = reader.Format;
        long previousLine = 0;
        FlowRecordBinder? binder = null;
        int version = -1;
        while (reader.Read())
        {
            ReadOnlySpan<byte> rowData = reader.RowData;
            ReadOnlySpan<Cell> cells = reader.Cells;
            var values = new byte[]?[cells.Length];
            for (int i = 0; i < cells.Length; i++)
            {
                Cell cell = cells[i];
                InvariantException.Check(cell.Start >= 0 && cell.Length >= 0 && (long)cell.Start + cell.Length <= rowData.Length,
                    "a cell lies outside the row data");
                values[i] = cell.IsMissing ? null : cell.Slice(rowData).ToArray();
            }

            InvariantException.Check(reader.LineNumber >= 1 && reader.LineNumber >= previousLine, "line numbers went backwards");
            InvariantException.Check(reader.RowCount == rows.Count + 1, "RowCount does not count the rows returned");
            previousLine = reader.LineNumber;
            string? error = reader.RowError;
            string lineTag = "line " + reader.LineNumber.ToString(CultureInfo.InvariantCulture) + ":";
            InvariantException.Check(error is null || error.StartsWith(lineTag, StringComparison.Ordinal),
                "a row error does not name its line (" + lineTag + "): " + error);

            if (reader.ColumnsVersion != version)
            {
                // Extended as the columns grow, as the front ends do; it must resolve exactly what a fresh binder does.
                binder = binder is null ? new FlowRecordBinder(reader.Columns) : binder.WithColumns(reader.Columns);
                version = reader.ColumnsVersion;
                var fresh = new FlowRecordBinder(reader.Columns);
                foreach (FlowField field in FieldAliases.Fields)
                {
                    InvariantException.Check(System.Linq.Enumerable.SequenceEqual(binder.CandidatesOf(field), fresh.CandidatesOf(field)),
                        "WithColumns resolved " + field + " unlike a binder built from the same columns");
                }
            }

            FlowRecord record = default;
            if (error is null && !binder!.TryBind(rowData, cells, out record, out FieldError fieldError))
            {
                InvariantException.Check(fieldError.IsError && fieldError.Message.Length > 0, "a binding failure without a message");
                error = fieldError.Message;
            }
            else if (error is null)
            {
                FlowResult result = Classifier.Default.Classify(record);
                InvariantException.Check(result.Confidence is >= 0 and <= 1, "confidence outside [0, 1]");
                InvariantException.Check(result.Client.Equals(record.Source) ? result.Server.Equals(record.Destination)
                    : result.Client.Equals(record.Destination) && result.Server.Equals(record.Source), "roles are not the record's endpoints");
            }

            rows.Add(new RowSnapshot(reader.LineNumber, error, values, reader.Columns.Count));
        }

        InvariantException.Check(reader.ColumnsAreFinal, "the columns are not final after the last row");
        columns = new List<string>(reader.Columns);
        return rows;
    }

    private static void Write(byte[] data, InputFormat format, List<RowSnapshot> rows, IReadOnlyList<string> columns)
    {
        var csv = new MemoryStream();
        var json = new MemoryStream();
        var formatter = new FlowResultFormatter(Classifier.Default);
        using (FlowReader reader = FlowReader.Open(new MemoryStream(data, writable: false), format, "fuzz"))
        using (FlowWriter csvWriter = FlowWriter.Create(OutputFormat.Csv, csv, formatter, columns, leaveOpen: true))
        using (FlowWriter jsonWriter = FlowWriter.Create(OutputFormat.Json, json, formatter, null, leaveOpen: true))
        {
            FlowRecordBinder? binder = null;
            int version = -1;
            while (reader.Read())
            {
                if (reader.ColumnsVersion != version)
                {
                    binder = new FlowRecordBinder(reader.Columns);
                    version = reader.ColumnsVersion;
                }

                string? error = reader.RowError;
                FlowRecord record = default;
                if (error is null && !binder!.TryBind(reader.RowData, reader.Cells, out record, out FieldError fieldError))
                {
                    error = fieldError.Message;
                }

                if (error is null)
                {
                    FlowResult result = Classifier.Default.Classify(record);
                    csvWriter.WriteResult(reader, result);
                    jsonWriter.WriteResult(reader, result);
                }
                else
                {
                    csvWriter.WriteError(reader, error);
                    jsonWriter.WriteError(reader, error);
                }
            }

            InvariantException.Check(csvWriter.RowsWritten == rows.Count && jsonWriter.RowsWritten == rows.Count, "a writer did not write every row");
        }

        CheckCsv(csv.ToArray(), rows, columns);
        CheckJson(json.ToArray(), rows);
    }

    private static void CheckCsv(byte[] output, List<RowSnapshot> rows, IReadOnlyList<string> columns)
    {
        List<List<byte[]>> records = CsvRecords.Parse(output);
        int width = columns.Count + OutputContract.AllFields.Count;
        InvariantException.Check(records.Count == rows.Count + 1, "the CSV output has " + records.Count.ToString(CultureInfo.InvariantCulture)
            + " records for " + rows.Count.ToString(CultureInfo.InvariantCulture) + " rows and a header");
        for (int r = 0; r < records.Count; r++)
        {
            InvariantException.Check(records[r].Count == width, "CSV output record " + r.ToString(CultureInfo.InvariantCulture) + " has "
                + records[r].Count.ToString(CultureInfo.InvariantCulture) + " fields, the header " + width.ToString(CultureInfo.InvariantCulture));
        }

        for (int r = 0; r < rows.Count; r++)
        {
            List<byte[]> record = records[r + 1];
            RowSnapshot row = rows[r];
            for (int c = 0; c < columns.Count; c++)
            {
                byte[] expected = c < row.Values.Length && c < row.Columns ? row.Values[c] ?? [] : [];
                InvariantException.Check(record[c].AsSpan().SequenceEqual(expected), "row " + (r + 1).ToString(CultureInfo.InvariantCulture)
                    + " column '" + columns[c] + "' changed on its way through the CSV writer");
            }

            bool hasError = record[width - 1].Length > 0;
            InvariantException.Check(hasError == (row.Error is not null), "row " + (r + 1).ToString(CultureInfo.InvariantCulture)
                + ": flowrole_error is " + (hasError ? "set on a classified row" : "empty on a row that failed"));
        }
    }

    private static void CheckJson(byte[] output, List<RowSnapshot> rows)
    {
        int lines = 0;
        int start = 0;
        while (start < output.Length)
        {
            int end = Array.IndexOf(output, (byte)'\n', start);
            InvariantException.Check(end >= 0, "the JSON output does not end with a line break");
            try
            {
                using JsonDocument document = JsonDocument.Parse(output.AsMemory(start, end - start));
                InvariantException.Check(document.RootElement.ValueKind == JsonValueKind.Object, "a JSON output line is not an object");
                // The error is the last member of a failed row (a JSON input record may carry its own flowrole_error).
                string? last = null;
                foreach (JsonProperty property in document.RootElement.EnumerateObject())
                {
                    last = property.Name;
                }

                bool hasError = last == "flowrole_error";
                InvariantException.Check(lines < rows.Count && hasError == (rows[lines].Error is not null),
                    "JSON output line " + (lines + 1).ToString(CultureInfo.InvariantCulture) + ": flowrole_error does not match the row");
            }
            catch (JsonException e)
            {
                throw new InvariantException("JSON output line " + (lines + 1).ToString(CultureInfo.InvariantCulture) + " is not valid JSON: " + e.Message
                    + "\n" + Encoding.UTF8.GetString(output, start, end - start), e);
            }

            lines++;
            start = end + 1;
        }

        InvariantException.Check(lines == rows.Count, "the JSON output has " + lines.ToString(CultureInfo.InvariantCulture) + " lines for "
            + rows.Count.ToString(CultureInfo.InvariantCulture) + " rows");
    }

    private static bool Same(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
