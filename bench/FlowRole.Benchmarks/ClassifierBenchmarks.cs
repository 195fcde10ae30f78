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
    private readonly char[] _communityId = new char[64];

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
