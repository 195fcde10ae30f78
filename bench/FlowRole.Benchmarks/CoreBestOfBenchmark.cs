using System;
using System.Diagnostics;
using System.Globalization;
using FlowRole.Flows;

namespace FlowRole.Benchmarks;

/// <summary>
/// `stream core`: the classifier over the same 65,536 pre-parsed flows as <see cref="ClassifierBenchmarks"/>, timed
/// pass by pass with the lower-port baseline interleaved, reporting each one's best and median pass. On a shared,
/// loaded machine a BenchmarkDotNet mean carries every interruption; the best of many short passes is the figure
/// the code itself gives, and the baseline measured alongside shows how much the machine was slowing things down.
/// </summary>
internal static class CoreBestOfBenchmark
{
    private const int Count = 65536;

    public static int Run(int passes)
    {
        FlowRecord[] flows = SampleFlows.Create(Count);
        var classifier = new Classifier();
        var results = new FlowResult[2048];
        var baseline = new double[passes];
        var single = new double[passes];
        var batch = new double[passes];
        int sink = 0;

        // Warm up: every method reaches its final tier before timing starts.
        for (int i = 0; i < 50; i++)
        {
            sink += LowerPort(flows) + ClassifyEach(classifier, flows) + ClassifyBlocks(classifier, flows, results);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        sink += ClassifyEach(classifier, flows) + ClassifyBlocks(classifier, flows, results);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        for (int pass = 0; pass < passes; pass++)
        {
            long t0 = Stopwatch.GetTimestamp();
            sink += LowerPort(flows);
            long t1 = Stopwatch.GetTimestamp();
            sink += ClassifyEach(classifier, flows);
            long t2 = Stopwatch.GetTimestamp();
            sink += ClassifyBlocks(classifier, flows, results);
            long t3 = Stopwatch.GetTimestamp();
            baseline[pass] = PerFlow(t1 - t0);
            single[pass] = PerFlow(t2 - t1);
            batch[pass] = PerFlow(t3 - t2);
        }

        Array.Sort(baseline);
        Array.Sort(single);
        Array.Sort(batch);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Count:N0} flows, {passes} interleaved passes; ns/flow as best (median)"));
        Print("lower-port rule (baseline)", baseline, baseline);
        Print("Classify, one at a time", single, baseline);
        Print("Classify, blocks of 2,048", batch, baseline);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocated over {2 * Count:N0} classifications: {allocated} bytes (checksum {sink})"));
        return 0;
    }

    private static void Print(string name, double[] sorted, double[] baseline)
    {
        double best = sorted[0], median = sorted[sorted.Length / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-28} {best,7:0.00} ({median,7:0.00}) ns/flow  {1e9 / best,14:N0} flows/s  {best / baseline[0],6:0.0}x the baseline's best"));
    }

    private static double PerFlow(long ticks) => ticks * (1e9 / Stopwatch.Frequency) / Count;

    private static int LowerPort(FlowRecord[] flows)
    {
        int swapped = 0;
        for (int i = 0; i < flows.Length; i++)
        {
            if (flows[i].Source.Port < flows[i].Destination.Port)
            {
                swapped++;
            }
        }

        return swapped;
    }

    private static int ClassifyEach(Classifier classifier, FlowRecord[] flows)
    {
        int suspicious = 0;
        for (int i = 0; i < flows.Length; i++)
        {
            if (classifier.Classify(flows[i]).Suspicious)
            {
                suspicious++;
            }
        }

        return suspicious;
    }

    private static int ClassifyBlocks(Classifier classifier, FlowRecord[] flows, FlowResult[] results)
    {
        int suspicious = 0;
        for (int start = 0; start < flows.Length; start += results.Length)
        {
            classifier.Classify(flows.AsSpan(start, results.Length), results);
            foreach (ref readonly FlowResult result in results.AsSpan())
            {
                suspicious += result.Suspicious ? 1 : 0;
            }
        }

        return suspicious;
    }
}
