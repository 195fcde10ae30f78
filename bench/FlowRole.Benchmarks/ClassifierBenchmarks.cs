using System;
using BenchmarkDotNet.Attributes;
using FlowRole.Flows;

namespace FlowRole.Benchmarks;

/// <summary>
/// Core throughput on pre-parsed flows. The baseline is the lower-port rule over the same array, so the ratio shows
/// what full classification (roles, scopes, direction, service, policy) costs on top of touching each record.
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    private const int Count = 65536;
    private FlowRecord[] _flows = [];
    private Classifier _classifier = null!;
    private const int BlockRows = 2048;
    private readonly char[] _communityId = new char[64];
    private readonly FlowResult[] _results = new FlowResult[BlockRows];

    [GlobalSetup]
    public void Setup()
    {
        _flows = SampleFlows.Create(Count);
        _classifier = new Classifier();
        _ = _classifier.Classify(_flows[0]);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int LowerPortRule()
    {
        int swapped = 0;
        var flows = _flows;
        for (int i = 0; i < flows.Length; i++)
        {
            if (flows[i].Source.Port < flows[i].Destination.Port)
            {
                swapped++;
            }
        }

        return swapped;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int Classify()
    {
        int suspicious = 0;
        var flows = _flows;
        for (int i = 0; i < flows.Length; i++)
        {
            var result = _classifier.Classify(flows[i]);
            if (result.Suspicious)
            {
                suspicious++;
            }
        }

        return suspicious;
    }

    /// <summary>The batch API as the CLI uses it: blocks of 2,048 records into a reused results buffer.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int ClassifyBatch()
    {
        int suspicious = 0;
        var flows = _flows.AsSpan();
        var results = _results.AsSpan();
        for (int start = 0; start < flows.Length; start += BlockRows)
        {
            _classifier.Classify(flows.Slice(start, BlockRows), results);
            foreach (ref readonly FlowResult result in results)
            {
                suspicious += result.Suspicious ? 1 : 0;
            }
        }

        return suspicious;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int ClassifyWithCommunityId()
    {
        int written = 0;
        var flows = _flows;
        for (int i = 0; i < flows.Length; i++)
        {
            var result = _classifier.Classify(flows[i]);
            _classifier.CommunityId.TryFormat(result.Record, _communityId, out int chars);
            written += chars;
        }

        return written;
    }
}
