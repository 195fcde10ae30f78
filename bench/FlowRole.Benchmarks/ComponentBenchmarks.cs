using System;
using BenchmarkDotNet.Attributes;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Policy;
using FlowRole.Ports;

namespace FlowRole.Benchmarks;

/// <summary>The classifier's parts one by one, to see where its time goes.</summary>
[MemoryDiagnoser]
public class ComponentBenchmarks
{
    private const int Count = 65536;
    private FlowRecord[] _flows = [];
    private NetworkSet _internal = NetworkSet.Empty;
    private PortPolicy _policy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _flows = SampleFlows.Create(Count);
        _internal = NetworkSet.Empty;
        _policy = PortPolicy.Default;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int Scope()
    {
        int n = 0;
        foreach (ref readonly var f in _flows.AsSpan())
        {
            n += (int)AddressScopes.Classify(f.Source.Address);
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int Internal()
    {
        int n = 0;
        foreach (ref readonly var f in _flows.AsSpan())
        {
            var s = AddressScopes.Classify(f.Source.Address);
            n += AddressScopes.IsInternal(f.Source.Address, s, _internal) == true ? 1 : 0;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int ServiceName()
    {
        int n = 0;
        foreach (ref readonly var f in _flows.AsSpan())
        {
            n += CommonServiceNames.Get(f.Destination.Port, f.Transport)?.Length ?? 0;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int Resolve()
    {
        int n = 0;
        var resolver = new FlowRole.Roles.RoleResolver(FlowRole.Roles.PortRoleTable.Default, null, null);
        foreach (ref readonly var f in _flows.AsSpan())
        {
            n += resolver.Resolve(f, AddressScope.Private, true, AddressScope.Global, false).SourceIsClient ? 1 : 0;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int Policy()
    {
        int n = 0;
        foreach (ref readonly var f in _flows.AsSpan())
        {
            var input = new PolicyInput(f.Transport, f.Source.Address, f.Source.Port, f.Destination.Address, f.Destination.Port,
                AddressScope.Private, AddressScope.Global, Direction.Outbound, true, false);
            n += (int)_policy.Evaluate(input).Severity;
        }

        return n;
    }
}
