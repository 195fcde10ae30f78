using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;

namespace FlowRole.Benchmarks;

/// <summary>
/// `stream stages`: the CLI's single-threaded pipeline in process, one stage added at a time over the same CSV, so
/// each stage's cost per row shows as a difference (read; + bind; + classify; + Community ID; + write CSV).
/// </summary>
internal static class StageBenchmark
{
    public static int Run(string csv, int rows)
    {
        var classifier = Classifier.Default;
        var formatter = new FlowResultFormatter(classifier);
        Span<char> id = stackalloc char[64];
        double previous = 0;
        for (int stage = 0; stage < 5; stage++)
        {
            double best = double.MaxValue;
            for (int run = 0; run < 3; run++)
            {
                var sw = Stopwatch.StartNew();
                using var input = File.OpenRead(csv);
                using var reader = FlowReader.Open(input, InputFormat.Csv, csv);
                FlowRecordBinder? binder = null;
                FlowWriter? writer = null;
                long n = 0;
                while (reader.Read())
                {
                    n++;
                    if (stage == 0)
                    {
                        continue;
                    }

                    binder ??= new FlowRecordBinder(reader.Columns);

                    // A CSV writer needs the input's columns for its header (the CLI merges every input's).
                    writer ??= stage == 4 ? FlowWriter.Create(OutputFormat.Csv, Stream.Null, formatter, reader.Columns, leaveOpen: true) : null;
                    if (!binder.TryBind(reader.RowData, reader.Cells, out var record, out _) || stage == 1)
                    {
                        continue;
                    }

                    var result = classifier.Classify(record);
                    if (stage == 3)
                    {
                        classifier.CommunityId.TryFormat(result.Record, id, out _);
                    }

                    writer?.WriteResult(reader, result);
                }

                writer?.Dispose();
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
                if (n != rows)
                {
                    throw new InvalidOperationException($"read {n} rows, expected {rows}");
                }
            }

            string name = stage switch { 0 => "read", 1 => "+ bind", 2 => "+ classify", 3 => "+ community id", _ => "classify + write csv (all fields)" };
            double perRow = best * 1e9 / rows;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-34} {best:0.000} s  {rows / best,12:N0} rows/s  {perRow,7:0} ns/row  (+{perRow - previous:0} ns)"));
            previous = stage == 3 ? previous : perRow;
        }

        return 0;
    }
}
