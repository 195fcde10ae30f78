using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;
using FlowRole.Identity;

namespace FlowRole.Benchmarks;

/// <summary>
/// `stream stages`: the CLI's pipeline on one thread, in process, one stage added at a time over the same CSV, so each
/// stage's cost per row shows as a difference: read; + bind; + classify; + Community ID; + write CSV (every field).
/// Rows go through blocks of 2,048 as in the CLI (copied out of the reader, then each stage over the whole block:
/// the batch classify and batch Community ID APIs), so the figures are those of `flowrole classify --threads 1`
/// without process start-up and JIT warm-up (each stage's best of five interleaved rounds).
/// </summary>
internal static class StageBenchmark
{
    private const int BlockRows = 2048;

    public static int Run(string csv, int rows, int rounds = 5)
    {
        var classifier = Classifier.Default;
        var formatter = new FlowResultFormatter(classifier);
        string[] names = ["read", "+ bind", "+ classify", "+ community id", "+ write csv (all fields)"];
        var block = new Block();
        var best = new double[names.Length];
        Array.Fill(best, double.MaxValue);

        // Rounds of every stage in turn, keeping each stage's best: on a shared machine the load drifts, and timing
        // the stages one after another would charge a stage with whatever the machine did meanwhile.
        for (int round = 0; round < rounds; round++)
        {
            for (int stage = 0; stage < names.Length; stage++)
            {
                best[stage] = Math.Min(best[stage], RunStage(csv, rows, stage, classifier, formatter, block));
            }
        }

        double previous = 0;
        for (int stage = 0; stage < names.Length; stage++)
        {
            double perRow = best[stage] * 1e9 / rows;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{names[stage],-26} {best[stage]:0.000} s  {rows / best[stage],12:N0} rows/s  {perRow,7:0} ns/row  (+{perRow - previous:0} ns)"));
            previous = perRow;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(best of {rounds} interleaved rounds)"));
        return 0;
    }

    private static double RunStage(string csv, int rows, int stage, Classifier classifier, FlowResultFormatter formatter, Block block)
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
            block.Add(reader);
            if (block.Count == BlockRows)
            {
                block.Process(stage, binder, classifier, writer);
            }
        }

        if (binder is not null)
        {
            block.Process(stage, binder, classifier, writer);
        }

        writer?.Dispose();
        double seconds = sw.Elapsed.TotalSeconds;
        if (n != rows)
        {
            throw new InvalidOperationException($"read {n} rows, expected {rows}");
        }

        return seconds;
    }

    /// <summary>A block of rows copied out of the reader (as the CLI's RowBatch), and the stages run over it.</summary>
    private sealed class Block : IFlowRow
    {
        private readonly List<(int DataStart, int DataLength, int CellStart, int CellCount)> _rows = new(BlockRows);
        private readonly FlowRecord[] _records = new FlowRecord[BlockRows];
        private readonly FlowResult[] _results = new FlowResult[BlockRows];
        private readonly byte[] _ids = new byte[BlockRows * CommunityId.TextLength];
        private readonly int[] _idLengths = new int[BlockRows];
        private byte[] _data = new byte[1 << 20];
        private Cell[] _cells = new Cell[BlockRows * 8];
        private int _dataLength;
        private int _cellCount;
        private int _current;

        public int Count => _rows.Count;

        public IReadOnlyList<string> Columns { get; private set; } = [];

        public int ColumnsVersion { get; private set; }

        public string SourceName => "stages";

        public long LineNumber => 0;

        public ReadOnlySpan<byte> RowData => _data.AsSpan(_rows[_current].DataStart, _rows[_current].DataLength);

        public ReadOnlySpan<Cell> Cells => _cells.AsSpan(_rows[_current].CellStart, _rows[_current].CellCount);

        public ReadOnlySpan<byte> RawRecord => default;

        public void Add(FlowReader reader)
        {
            Columns = reader.Columns;
            ColumnsVersion = reader.ColumnsVersion;
            ReadOnlySpan<byte> data = reader.RowData;
            ReadOnlySpan<Cell> cells = reader.Cells;
            if (_dataLength + data.Length > _data.Length)
            {
                Array.Resize(ref _data, Math.Max(_dataLength + data.Length, _data.Length * 2));
            }

            if (_cellCount + cells.Length > _cells.Length)
            {
                Array.Resize(ref _cells, Math.Max(_cellCount + cells.Length, _cells.Length * 2));
            }

            data.CopyTo(_data.AsSpan(_dataLength));
            cells.CopyTo(_cells.AsSpan(_cellCount));
            _rows.Add((_dataLength, data.Length, _cellCount, cells.Length));
            _dataLength += data.Length;
            _cellCount += cells.Length;
        }

        public void Process(int stage, FlowRecordBinder binder, Classifier classifier, FlowWriter? writer)
        {
            int bound = 0;
            for (_current = 0; _current < _rows.Count; _current++)
            {
                if (!binder.TryBind(RowData, Cells, out _records[bound], out _))
                {
                    throw new InvalidOperationException("a generated row does not bind");
                }

                bound++;
            }

            if (stage >= 2)
            {
                classifier.Classify(_records.AsSpan(0, bound), _results);
            }

            if (stage >= 3)
            {
                classifier.CommunityId.Format(_records.AsSpan(0, bound), _ids, _idLengths);
            }

            if (writer is not null)
            {
                for (_current = 0; _current < _rows.Count; _current++)
                {
                    writer.WriteResult(this, _results[_current], _ids.AsSpan(_current * CommunityId.TextLength, _idLengths[_current]));
                }
            }

            _rows.Clear();
            _dataLength = 0;
            _cellCount = 0;
        }
    }
}
