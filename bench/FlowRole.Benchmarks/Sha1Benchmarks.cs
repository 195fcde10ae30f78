using System;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using FlowRole.Identity;

namespace FlowRole.Benchmarks;

/// <summary>
/// SHA-1 of Community ID inputs (IPv4 TCP: 40 bytes, one padded block): the platform's against FlowRole's own span
/// version, and the multi-lane version at each width over the same 16 messages (per call: 16 messages hashed), so
/// the widths compare directly; the baseline is the platform's, one message per call.
/// </summary>
[MemoryDiagnoser]
public class Sha1Benchmarks
{
    private readonly byte[] _input = new byte[40];
    private readonly byte[] _digest = new byte[20];
    private readonly uint[] _words = new uint[16 * 16];
    private readonly uint[] _state = new uint[5 * 16];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        random.NextBytes(_input);
        for (int i = 0; i < _words.Length; i++)
        {
            _words[i] = (uint)random.Next();
        }
    }

    [Benchmark(Baseline = true)]
    public byte Platform()
    {
        SHA1.HashData(_input, _digest);
        return _digest[0];
    }

    [Benchmark]
    public byte Own()
    {
        Sha1.HashData(_input, _digest);
        return _digest[0];
    }

    /// <summary>16 one-block messages, 4 lanes at a time.</summary>
    [Benchmark(OperationsPerInvoke = 16)]
    public uint Lanes4()
    {
        for (int i = 0; i < 16; i += 4)
        {
            Sha1Lanes.Hash(4, ref _words[i * 16], ref _state[i * 5]);
        }

        return _state[0];
    }

    /// <summary>16 one-block messages, 8 lanes at a time.</summary>
    [Benchmark(OperationsPerInvoke = 16)]
    public uint Lanes8()
    {
        for (int i = 0; i < 16; i += 8)
        {
            Sha1Lanes.Hash(8, ref _words[i * 16], ref _state[i * 5]);
        }

        return _state[0];
    }

    /// <summary>16 one-block messages in one pass.</summary>
    [Benchmark(OperationsPerInvoke = 16)]
    public uint Lanes16()
    {
        Sha1Lanes.Hash(16, ref _words[0], ref _state[0]);
        return _state[0];
    }
}
