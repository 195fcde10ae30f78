using System;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace FlowRole.Benchmarks;

/// <summary>SHA-1 of a Community ID input (IPv4 TCP: 40 bytes): the platform's against FlowRole's own span version.</summary>
[MemoryDiagnoser]
public class Sha1Benchmarks
{
    private readonly byte[] _input = new byte[40];
    private readonly byte[] _digest = new byte[20];

    [GlobalSetup]
    public void Setup() => new Random(7).NextBytes(_input);

    [Benchmark(Baseline = true)]
    public byte Platform()
    {
        SHA1.HashData(_input, _digest);
        return _digest[0];
    }

    [Benchmark]
    public byte Own()
    {
        FlowRole.Identity.Sha1.HashData(_input, _digest);
        return _digest[0];
    }
}
